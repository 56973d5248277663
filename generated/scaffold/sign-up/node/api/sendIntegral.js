/**
 * sendIntegral: 签到满足奖励规则时，给用户发放积分。
 *
 * Module sign-up calls this handler through index.js, with params
 * already checked against the input schema
 * (sign-up.json#/interfaces/sendIntegral/input). Reply with
 * {code: 0, msg, result}, result following the output schema, or with one of
 * the interface's error codes and a msg.
 *
 * This file is yours: `contractgen scaffold` created it and never rewrites it.
 * The types come from ../_contractgen/types.js, which follows the contract.
 * example/sendIntegral.js replies to each of the contract's examples.
 */
'use strict';

/**
 * @param {import('../_contractgen/types').SendIntegralInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').SendIntegralReply>}
 */
module.exports = async (data, context) => {
  // TODO(business): replace this reply with the real logic. It is the
  // contract's example "签到第一天发 10 积分" and does nothing, so every call
  // looks like a success.
  return { code: 0, msg: 'ok', result: { sendResult: true } };
};
