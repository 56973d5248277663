// Fault: the file exports an object holding the handler, not the handler.
module.exports = {
  handler: async () => ({ code: 0, msg: 'ok', result: { sendResult: true } }),
};
