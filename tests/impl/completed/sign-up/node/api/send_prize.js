/** send_prize, completed: a prize with no stock left is the business error 2101. */
'use strict';

const OUT_OF_STOCK = 2101;

/**
 * @param {import('../_contractgen/types').SendPrizeInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<import('../_contractgen/types').SendPrizeReply>}
 */
module.exports = async (data, context) => {
  if (data.prize.stock.remaining === 0) {
    return { code: OUT_OF_STOCK, msg: `prize ${data.prize.id} is out of stock` };
  }

  return { code: 0, msg: 'ok', result: { sendResult: true } };
};
