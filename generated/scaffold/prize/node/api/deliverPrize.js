/**
 * deliverPrize: 发放一个奖品给用户：业务方扣减库存并发券、发货或充值。实物奖品
 * 必须带收货地址。
 *
 * Module prize calls this handler through index.js, with params
 * already checked against the input schema
 * (prize.json#/interfaces/deliverPrize/input). Reply with
 * {code: 0, msg, result}, result following the output schema, or with one of
 * the interface's error codes and a msg.
 *
 * Error codes:
 *   3001 OUT_OF_STOCK: 库存不足
 *   3002 ADDRESS_REQUIRED: 实物奖品缺少收货地址
 *
 * This file is yours: `contractgen scaffold` created it and never rewrites it.
 * The types come from ../_contractgen/types.js, which follows the contract.
 * example/deliverPrize.js replies to each of the contract's examples.
 */
'use strict';

/**
 * @param {import('../_contractgen/types').DeliverPrizeInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').DeliverPrizeReply>}
 */
module.exports = async (data, context) => {
  // TODO(business): replace this reply with the real logic. It is the
  // contract's example "发放实物奖品" and does nothing, so every call
  // looks like a success.
  return {
      code: 0,
      msg: 'ok',
      result: { deliverResult: true, orderId: 'SO20240301001' },
    };
};
