/**
 * send_prize: 签到满足奖励规则时，给用户发放奖品。
 *
 * Module sign-up calls this handler through index.js, with params
 * already checked against the input schema
 * (sign-up.json#/interfaces/send_prize/input). Reply with
 * {code: 0, msg, result}, result following the output schema, or with one of
 * the interface's error codes and a msg.
 *
 * Error codes:
 *   2101 OUT_OF_STOCK: 奖品库存不足
 *
 * This file is yours: `contractgen scaffold` created it and never rewrites it.
 * The types come from ../_contractgen/types.js, which follows the contract.
 * example/send_prize.js replies to each of the contract's examples.
 */
'use strict';

/**
 * @param {import('../_contractgen/types').SendPrizeInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').SendPrizeReply>}
 */
module.exports = async (data, context) => {
  // TODO(business): replace this reply with the real logic. It is the
  // contract's example "发放优惠券" and does nothing, so every call
  // looks like a success.
  return { code: 0, msg: 'ok', result: { sendResult: true } };
};
