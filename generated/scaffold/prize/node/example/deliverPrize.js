/**
 * A worked example of deliverPrize, built from the examples in
 * prize.json (version 1.0.0). Params equal to an example's input get that
 * example's reply; any other params get the first example's. An example that
 * ends in METHOD_EXEC_FAILURE throws, as a failing handler would.
 *
 * Copy it over api/deliverPrize.js to try the module before the real logic
 * exists; see the page next to it for the fields and error codes.
 */
'use strict';

const { isDeepStrictEqual } = require('node:util');

/**
 * @typedef {import('../_contractgen/types').DeliverPrizeReply} Reply
 * @typedef {{title: string, input: unknown, reply?: Reply, failure?: string}} Example
 */

/** @type {Example[]} */
const EXAMPLES = [
  {
    title: '发放实物奖品',
    input: {
      openId: 'oAbc123_xyz',
      prize: {
        id: 'cup-01',
        name: '定制保温杯',
        type: 'physical',
        imageUrl: null,
        stock: { total: 50, remaining: 12 },
      },
      quantity: 1,
      address: {
        receiver: '张三',
        phone: '13800138000',
        region: ['广东省', '深圳市', '南山区'],
        detail: '科技园 1 号',
      },
    },
    reply: {
      code: 0,
      msg: 'ok',
      result: { deliverResult: true, orderId: 'SO20240301001' },
    },
  },
  {
    title: '实物奖品缺少地址',
    input: {
      openId: 'oAbc123_xyz',
      prize: {
        id: 'cup-01',
        name: '定制保温杯',
        type: 'physical',
        imageUrl: null,
        stock: { total: 50, remaining: 12 },
      },
      quantity: 1,
      address: null,
    },
    reply: { code: 3002, msg: '请先填写收货地址' },
  },
];

/**
 * @param {import('../_contractgen/types').DeliverPrizeInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<Reply>}
 */
module.exports = async (data, context) => {
  const example =
    EXAMPLES.find((candidate) => isDeepStrictEqual(candidate.input, data)) ||
    EXAMPLES[0];
  if (example === undefined) {
    throw new Error('the contract gives no example of deliverPrize');
  }

  if (example.reply === undefined) {
    throw new Error(example.failure);
  }

  return example.reply;
};
