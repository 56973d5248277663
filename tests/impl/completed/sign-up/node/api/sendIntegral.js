/** sendIntegral, completed: keeps a running total per user. */
'use strict';

const totals = new Map();

/**
 * @param {import('../_contractgen/types').SendIntegralInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').SendIntegralReply>}
 */
module.exports = async (data, context) => {
  totals.set(data.openId, (totals.get(data.openId) || 0) + data.points);
  return { code: 0, msg: 'ok', result: { sendResult: true } };
};
