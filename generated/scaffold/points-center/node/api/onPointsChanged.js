/**
 * onPointsChanged: 用户积分变动后通知业务方，例如同步会员等级。
 *
 * Module points-center calls this handler through index.js, with params
 * already checked against the input schema
 * (points-center.json#/interfaces/onPointsChanged/input). Reply with
 * {code: 0, msg, result}, result following the output schema, or with one of
 * the interface's error codes and a msg.
 *
 * This file is yours: `contractgen scaffold` created it and never rewrites it.
 * The types come from ../_contractgen/types.js, which follows the contract.
 * example/onPointsChanged.js replies to each of the contract's examples.
 */
'use strict';

/**
 * @param {import('../_contractgen/types').OnPointsChangedInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').OnPointsChangedReply>}
 */
module.exports = async (data, context) => {
  // TODO(business): replace this reply with the real logic. It is the
  // contract's example "1" and does nothing, so every call
  // looks like a success.
  return { code: 0, msg: 'ok', result: { handled: true } };
};
