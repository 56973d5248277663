// Fault: starts a long-lived child process, then never settles.
const { spawn } = require('child_process');

module.exports = () => {
  spawn('sleep', ['120'], { stdio: 'ignore' });
  return new Promise(() => {});
};
