/** onPointsChanged, completed: keeps each user's latest balance for the member level. */
'use strict';

const balances = new Map();

/**
 * @param {import('../_contractgen/types').OnPointsChangedInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').OnPointsChangedReply>}
 */
module.exports = async (data, context) => {
  balances.set(data.openId, data.record.balance);
  return { code: 0, msg: 'ok', result: { handled: true } };
};
