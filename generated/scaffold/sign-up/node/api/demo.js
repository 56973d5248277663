/**
 * A demo handler, like the one in the platform's sample function: it shows
 * the shape of a handler that uses the cloud SDK. It is not an interface of
 * module sign-up, so the dispatcher never calls it (a call to "demo" gets
 * METHOD_NOT_FOUND). Keep it as a reference or delete it.
 */
'use strict';

const cloud = require('wx-server-sdk');

// The SDK's typings declare DYNAMIC_CURRENT_ENV a symbol that init's env does
// not accept, although the SDK documents exactly this call.
cloud.init({ env: /** @type {any} */ (cloud.DYNAMIC_CURRENT_ENV) });

/**
 * @param {Record<string, unknown>} data - the params of the call
 * @param {Record<string, unknown>} context - the cloud function's context
 * @returns {Promise<{code: number, msg: string, result: {sendResult: boolean}}>}
 */
module.exports = async (data, context) => {
  console.log('params:', data, 'request:', context.request_id);
  // The business logic goes here, e.g. sending points with cloud.database().
  return { code: 0, msg: 'ok', result: { sendResult: true } };
};
