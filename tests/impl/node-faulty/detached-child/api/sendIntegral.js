// Fault: starts a child in a session of its own, which outlives the worker's
// process group, then replies correctly.
const { spawn } = require('child_process');

module.exports = async () => {
  spawn('sleep', ['300'], { detached: true, stdio: 'ignore' }).unref();
  return { code: 0, msg: 'ok', result: { sendResult: true } };
};
