// Fault: the handler throws; the platform replies METHOD_EXEC_FAILURE.
module.exports = async () => {
  throw new Error('积分服务不可用');
};
