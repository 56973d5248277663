/**
 * Entry of the cloud function implementing the custom interfaces of module
 * sign-up (签到打卡), from sign-up.json version 1.0.0.
 * Serves: send_prize, sendIntegral, set_remind.
 *
 * Written by contractgen: `contractgen scaffold` rewrites this file when the
 * contract changes. Write the business logic in api/<interface>.js instead.
 */
'use strict';

const path = require('node:path');
const { createDispatcher } = require('./_contractgen/dispatch');

const dispatch = createDispatcher({
  apiDir: path.join(__dirname, 'api'),
  documents: require('./_contractgen/_contracts.json'),
  moduleFile: 'sign-up.json',
  module: 'sign-up',
});

/**
 * Serve one call `{methodName, params}` of a custom interface; never throws.
 *
 * @param {any} event - `{methodName, params}` from the module
 * @param {any} context - the cloud function's context
 */
exports.main = async (event, context) => dispatch(event, context);
