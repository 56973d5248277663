// Fault: result lacks the required sendResult.
module.exports = async () => ({ code: 0, msg: 'ok', result: {} });
