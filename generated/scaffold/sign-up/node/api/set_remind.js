/**
 * set_remind: 用户开启或关闭每日签到提醒时调用，由业务方保存提醒设置。
 *
 * Module sign-up calls this handler through index.js, with params
 * already checked against the input schema
 * (sign-up.json#/interfaces/set_remind/input). Reply with
 * {code: 0, msg, result}, result following the output schema, or with one of
 * the interface's error codes and a msg.
 *
 * This file is yours: `contractgen scaffold` created it and never rewrites it.
 * The types come from ../_contractgen/types.js, which follows the contract.
 * example/set_remind.js replies to each of the contract's examples.
 */
'use strict';

/**
 * @param {import('../_contractgen/types').SetRemindInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').SetRemindReply>}
 */
module.exports = async (data, context) => {
  // TODO(business): replace this reply with the real logic. It is the
  // contract's example "每天早上八点提醒" and does nothing, so every call
  // looks like a success.
  return { code: 0, msg: 'ok', result: { setResult: true } };
};
