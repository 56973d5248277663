// Fault: a number read from a form field stays a string deep in result.
const stocks = { cup: { total: 50, remaining: 12 }, pen: { total: 80, remaining: '79' } };

module.exports = async (data) => ({
  code: 0,
  msg: 'ok',
  result: {
    items: data.rewardIds.map((rewardId) => ({
      rewardId,
      stock: stocks[rewardId] || { total: 1, remaining: 0 },
    })),
  },
});
