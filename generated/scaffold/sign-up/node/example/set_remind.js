/**
 * A worked example of set_remind, built from the examples in
 * sign-up.json (version 1.0.0). Params equal to an example's input get that
 * example's reply; any other params get the first example's. An example that
 * ends in METHOD_EXEC_FAILURE throws, as a failing handler would.
 *
 * Copy it over api/set_remind.js to try the module before the real logic
 * exists; see the page next to it for the fields and error codes.
 */
'use strict';

const { isDeepStrictEqual } = require('node:util');

/**
 * @typedef {import('../_contractgen/types').SetRemindReply} Reply
 * @typedef {{title: string, input: unknown, reply?: Reply, failure?: string}} Example
 */

/** @type {Example[]} */
const EXAMPLES = [
  {
    title: '每天早上八点提醒',
    input: { openId: 'oAbc123_xyz', enabled: true, remindTime: '08:00' },
    reply: { code: 0, msg: 'ok', result: { setResult: true } },
  },
  {
    title: '关闭提醒',
    input: { openId: 'oAbc123_xyz', enabled: false },
    reply: { code: 0, msg: 'ok', result: { setResult: true } },
  },
];

/**
 * @param {import('../_contractgen/types').SetRemindInput} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<Reply>}
 */
module.exports = async (data, context) => {
  const example =
    EXAMPLES.find((candidate) => isDeepStrictEqual(candidate.input, data)) ||
    EXAMPLES[0];
  if (example === undefined) {
    throw new Error('the contract gives no example of set_remind');
  }

  if (example.reply === undefined) {
    throw new Error(example.failure);
  }

  return example.reply;
};
