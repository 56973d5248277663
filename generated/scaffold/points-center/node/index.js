/**
 * Entry of the cloud function implementing the custom interfaces of module
 * points-center (积分中心), from points-center.json version 1.0.0.
 * Serves: onPointsChanged.
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
  moduleFile: 'points-center.json',
  module: 'points-center',
});

/**
 * Serve one call `{methodName, params}` of a custom interface; never throws.
 *
 * @param {any} event - `{methodName, params}` from the module
 * @param {any} context - the cloud function's context
 */
exports.main = async (event, context) => dispatch(event, context);
