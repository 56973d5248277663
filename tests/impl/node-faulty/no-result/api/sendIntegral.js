// Fault: code is 0 but there is no result.
module.exports = async () => ({ code: 0, msg: 'ok' });
