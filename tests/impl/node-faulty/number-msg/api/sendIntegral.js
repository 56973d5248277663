// Fault: msg is a number on success; the envelope's msg is a string.
module.exports = async () => ({ code: 0, msg: 5, result: { sendResult: true } });
