// Doubtful: a business code that the contract does not list for this interface.
module.exports = async (data) => {
  if (data.points === 100000) return { code: 9999, msg: '积分账户已冻结' };
  return { code: 0, msg: 'ok', result: { sendResult: true } };
};
