/**
 * A worked example of send_prize, built from the examples in
 * sign-up.json (version 1.0.0). Params equal to an example's input get that
 * example's reply; any other params get the first example's. An example that
 * ends in METHOD_EXEC_FAILURE throws, as a failing handler would.
 *
 * Copy it over api/send_prize.js to try the module before the real logic
 * exists; see the page next to it for the fields and error codes.
 */
'use strict';

const { isDeepStrictEqual } = require('node:util');

/**
 * @typedef {import('../_contractgen/types').SendPrizeReply} Reply
 * @typedef {{title: string, input: unknown, reply?: Reply, failure?: string}} Example
 */

/** @type {Example[]} */
const EXAMPLES = [
  {
    title: '发放优惠券',
    input: {
      openId: 'oAbc123_xyz',
      day: 7,
      prize: {
        id: 'coupon-5',
        name: '5 元无门槛券',
        type: 'coupon',
        imageUrl: null,
        stock: { total: 1000, remaining: 382 },
      },
    },
    reply: { code: 0, msg: 'ok', result: { sendResult: true } },
  },
  {
    title: '库存不足',
    input: {
      openId: 'oAbc123_xyz',
      day: 7,
      prize: {
        id: 'coupon-5',
        name: '5 元无门槛券',
        type: 'coupon',
        imageUrl: null,
        stock: { total: 1000, remaining: 0 },
      },
    },
    reply: { code: 2101, msg: '奖品库存不足' },
  },
];

/**
 * @param {import('../_contractgen/types').SendPrizeInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<Reply>}
 */
module.exports = async (data, context) => {
  const example =
    EXAMPLES.find((candidate) => isDeepStrictEqual(candidate.input, data)) ||
    EXAMPLES[0];
  if (example === undefined) {
    throw new Error('the contract gives no example of send_prize');
  }

  if (example.reply === undefined) {
    throw new Error(example.failure);
  }

  return example.reply;
};
