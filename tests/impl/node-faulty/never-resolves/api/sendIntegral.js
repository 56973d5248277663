module.exports = async () => ({ code: 0, msg: 'ok', result: { sendResult: true } });
