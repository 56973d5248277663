// Fault: a string code that is not one of the platform's codes.
module.exports = async () => ({ code: 'FAILED', msg: '积分发放失败' });
