// Fault: the process exits on the largest grant, in the middle of a run.
module.exports = async (data) => {
  if (data.points === 100000) process.exit(1);
  return { code: 0, msg: 'ok', result: { sendResult: true } };
};
