/**
 * The dispatcher of a cloud function that implements a module's custom
 * interfaces: it routes `{methodName, params}` to `api/<methodName>.js`.
 *
 * Written by contractgen, the same for every module; `contractgen scaffold`
 * rewrites it. It behaves like the Python dispatcher (contractgen.runtime) and
 * is tested against the same table of cases. It never throws: every failure
 * is a reply `{code, msg}`, and the first check that fails decides the code.
 *
 *   the caller check `allow(event, context)` is false      PERMISSION_DENIED
 *   the event is not an object, `methodName` is missing,
 *     not a string or not a custom interface of the module  METHOD_NOT_FOUND
 *   params (`{}` when absent) fail the input schema         -1 (invalid params)
 *   there is no file api/<methodName>.js                    METHOD_NOT_FOUND
 *   the file throws while it is loaded                      METHOD_EXEC_FAILURE
 *   the file does not export a function                     METHOD_NOT_FUNCTION
 *   the handler throws or rejects                           METHOD_EXEC_FAILURE
 *   the reply is not an envelope {code, msg, result}        METHOD_EXEC_FAILURE
 *   `result` fails the output schema (when validating)      METHOD_EXEC_FAILURE
 *   anything else (`allow` throws, a fault in here)         UNKNOWN_ERROR
 *
 * The method name is checked against the contract before any file is touched,
 * and a path is only ever built from a name found in the contract, so `../x`
 * or `__proto__` never reach the file system. Stacks go to the log
 * (console.error), never into a reply.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { isObject, repr, shortRepr } = require('./repr');
const { Schemas } = require('./schemas');

const SUCCESS_CODE = 0;
/** Params that fail the input schema: the caller's mistake, not a platform fault. */
const INVALID_PARAMS_CODE = -1;
const PLATFORM_CODES = new Set([
  'METHOD_EXEC_FAILURE',
  'METHOD_NOT_FOUND',
  'METHOD_NOT_FUNCTION',
  'PERMISSION_DENIED',
  'UNKNOWN_ERROR',
]);
// Interface names become file names: no separators, no dots, no leading dash.
const FILE_NAME = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
// Names special to an object lookup; refused even if a contract declares them.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * @typedef {Object} Envelope
 * @property {number | string} code - 0, a business code or a platform code
 * @property {string} [msg] - why the call failed
 * @property {unknown} [result] - the result when code is 0
 */

/**
 * @typedef {(event: any, context: any) => boolean} Allow
 */

/**
 * @typedef {Object} DispatcherOptions
 * @property {string} apiDir - the folder holding `<interface>.js` files
 * @property {Record<string, any>} documents - contract file name to contract
 *   document: the module's own contract and every contract it refers to
 * @property {string} moduleFile - the file name of the module's own contract
 * @property {string} [module] - the module's name, checked against the contract
 * @property {Allow} [allow] - whether the caller may call; by default
 *   allowServerCallers
 * @property {boolean} [validateReplies] - check each success `result` against
 *   the output schema; by default on unless CONTRACTGEN_ENV is "production"
 */

/** Ends a dispatch early with the reply `{code, msg}`. */
class Refusal extends Error {
  /**
   * @param {number | string} code
   * @param {string} msg
   */
  constructor(code, msg) {
    super(msg);
    this.code = code;
    this.msg = msg;
  }
}

/**
 * The default caller check: refuse calls made by a mini program user.
 *
 * Custom interfaces are for server-side and timer callers only. The platform
 * marks a mini program caller with its openid, looked for in
 * `event.userInfo.openId`, in the context keys OPENID and WX_OPENID, and in
 * WX_OPENID inside `context.environment` (an object or a JSON string).
 *
 * @param {any} event
 * @param {any} context
 * @returns {boolean}
 */
function allowServerCallers(event, context) {
  const user = isObject(event) ? event.userInfo : undefined;
  if (isObject(user) && user.openId) {
    return false;
  }

  if (!isObject(context)) {
    return true;
  }

  if (context.OPENID || context.WX_OPENID) {
    return false;
  }

  let environment = context.environment;
  if (typeof environment === 'string') {
    try {
      environment = JSON.parse(environment);
    } catch {
      return true;
    }
  }

  return !(isObject(environment) && environment.WX_OPENID);
}

/**
 * A function `(event, context) => Promise<envelope>` that serves the module's
 * custom interfaces from `apiDir`.
 *
 * @param {DispatcherOptions} options
 * @returns {(event: any, context: any) => Promise<Envelope>}
 */
function createDispatcher(options) {
  const { apiDir, documents, moduleFile } = options;
  const contract = documents[moduleFile];
  if (!isObject(contract) || !isObject(contract.interfaces)) {
    throw new Error(`${repr(moduleFile)} is not among the contract documents`);
  }

  const moduleName = contract.module;
  if (options.module !== undefined && options.module !== moduleName) {
    throw new Error(
      `module ${repr(options.module)} does not match the contract's module ${repr(moduleName)}`,
    );
  }

  const allow = options.allow || allowServerCallers;
  const validateReplies =
    options.validateReplies === undefined
      ? process.env.CONTRACTGEN_ENV !== 'production'
      : options.validateReplies;
  const custom = new Set(
    Object.keys(contract.interfaces)
      .filter((name) => isObject(contract.interfaces[name]))
      .filter((name) => contract.interfaces[name].kind === 'custom')
      .sort(),
  );
  const schemas = new Schemas(documents, moduleFile);
  /** @type {Map<string, Function>} */
  const handlers = new Map();
  const state = { apiDir, module: moduleName, allow, validateReplies, custom, schemas, handlers };

  return async (event, context) => {
    try {
      return await dispatch(state, event, context);
    } catch (error) {
      if (error instanceof Refusal) {
        return { code: error.code, msg: error.msg };
      }

      console.error(`the dispatcher of module ${repr(moduleName)} failed`, error);
      return {
        code: 'UNKNOWN_ERROR',
        msg: "the dispatcher failed; the function's log has details",
      };
    }
  };
}

/**
 * @param {any} state
 * @param {any} event
 * @param {any} context
 * @returns {Promise<Envelope>}
 */
async function dispatch(state, event, context) {
  checkCaller(state, event, context);
  const name = methodName(state, event);
  const params = Object.hasOwn(event, 'params') && event.params !== undefined
    ? event.params
    : {};
  checkParams(state, name, params);
  const handler = loadHandler(state, name);
  const reply = await run(name, handler, params, context);
  checkReply(state, name, reply);
  return reply;
}

/**
 * @param {any} state
 * @param {any} event
 * @param {any} context
 */
function checkCaller(state, event, context) {
  let allowed;
  try {
    allowed = state.allow(event, context);
  } catch (error) {
    console.error(`the caller check of module ${repr(state.module)} failed`, error);
    throw new Refusal(
      'UNKNOWN_ERROR',
      "the caller check failed; the function's log has details",
    );
  }

  if (!allowed) {
    throw new Refusal(
      'PERMISSION_DENIED',
      `the caller is not allowed to call module ${repr(state.module)}: custom` +
        ' interfaces serve server-side and timer callers only',
    );
  }
}

/**
 * The event's method name, once it is known to be a servable interface.
 *
 * @param {any} state
 * @param {any} event
 * @returns {string}
 */
function methodName(state, event) {
  if (!isObject(event)) {
    throw new Refusal(
      'METHOD_NOT_FOUND',
      "the event must be an object with 'methodName' and 'params', got " +
        shortRepr(event),
    );
  }

  if (!Object.hasOwn(event, 'methodName')) {
    throw new Refusal('METHOD_NOT_FOUND', "the event has no 'methodName'");
  }

  const name = event.methodName;
  if (typeof name !== 'string') {
    throw new Refusal(
      'METHOD_NOT_FOUND',
      `'methodName' must be a string, got ${shortRepr(name)}`,
    );
  }

  if (!state.custom.has(name)) {
    const known = [...state.custom].map(repr).join(', ') || 'none';
    throw new Refusal(
      'METHOD_NOT_FOUND',
      `${shortRepr(name)} is not a custom interface of module` +
        ` ${repr(state.module)} (its custom interfaces: ${known})`,
    );
  }

  if (RESERVED.has(name) || !FILE_NAME.test(name)) {
    throw new Refusal(
      'METHOD_NOT_FOUND',
      `custom interface ${repr(name)} cannot be the name of a file in api/`,
    );
  }

  return name;
}

/**
 * @param {any} state
 * @param {string} name
 * @param {unknown} params
 */
function checkParams(state, name, params) {
  const violations = state.schemas.validate(name, 'input', params);
  if (violations.length > 0) {
    throw new Refusal(
      INVALID_PARAMS_CODE,
      `params of ${state.module}.${name} violate its input schema: ` +
        violations.join('; '),
    );
  }
}

/**
 * The function `api/<name>.js` exports, loaded once and then kept.
 *
 * @param {any} state
 * @param {string} name
 * @returns {Function}
 */
function loadHandler(state, name) {
  const known = state.handlers.get(name);
  if (known) {
    return known;
  }

  const file = path.join(state.apiDir, `${name}.js`);
  const shown = `api/${name}.js`;
  if (!isFile(file)) {
    throw new Refusal(
      'METHOD_NOT_FOUND',
      `custom interface ${repr(name)} is not implemented: there is no ${shown}`,
    );
  }

  let handler;
  try {
    handler = require(file);
  } catch (error) {
    console.error(`${shown} failed to load`, error);
    throw new Refusal(
      'METHOD_EXEC_FAILURE',
      `${shown} failed to load: ${describeFailure(error)}`,
    );
  }

  if (typeof handler !== 'function') {
    throw new Refusal(
      'METHOD_NOT_FUNCTION',
      `${shown} does not export a function: it exports ${shortRepr(handler)}`,
    );
  }

  state.handlers.set(name, handler);
  return handler;
}

/**
 * @param {string} name
 * @param {Function} handler
 * @param {unknown} params
 * @param {any} context
 * @returns {Promise<any>}
 */
async function run(name, handler, params, context) {
  try {
    return await handler(params, context);
  } catch (error) {
    console.error(`the handler in api/${name}.js threw`, error);
    throw new Refusal(
      'METHOD_EXEC_FAILURE',
      `the handler in api/${name}.js threw ${describeFailure(error)}`,
    );
  }
}

/**
 * @param {any} state
 * @param {string} name
 * @param {any} reply
 */
function checkReply(state, name, reply) {
  const problem = envelopeProblem(reply);
  if (problem !== null) {
    console.error(`the handler in api/${name}.js sent a malformed reply`);
    throw new Refusal(
      'METHOD_EXEC_FAILURE',
      `the handler in api/${name}.js sent a malformed reply: ${problem}`,
    );
  }

  if (!state.validateReplies || reply.code !== SUCCESS_CODE) {
    return;
  }

  const violations = state.schemas.validate(name, 'output', reply.result);
  if (violations.length > 0) {
    console.error(`the handler in api/${name}.js broke its output schema`);
    throw new Refusal(
      'METHOD_EXEC_FAILURE',
      `result of ${state.module}.${name} violates its output schema: ` +
        violations.join('; '),
    );
  }
}

/**
 * What keeps `reply` from being a valid envelope, or null if it is one.
 *
 * Valid means: an object whose `code` is an integer or a platform code, with a
 * string `msg` when `code` is not 0 and a `result` when it is.
 *
 * @param {unknown} reply
 * @returns {string | null}
 */
function envelopeProblem(reply) {
  if (!isObject(reply)) {
    return `expected an envelope object {code, msg, result}, got ${shortRepr(reply)}`;
  }

  if (!Object.hasOwn(reply, 'code')) {
    const keys = Object.keys(reply).sort().map(repr).join(', ') || 'none';
    return `the envelope has no 'code' (its keys: ${keys})`;
  }

  const code = reply.code;
  if (!Number.isInteger(code) && !PLATFORM_CODES.has(code)) {
    const platform = [...PLATFORM_CODES].map(repr).join(', ');
    return `'code' must be an integer or a platform code (${platform}), got ${shortRepr(code)}`;
  }

  if (code === SUCCESS_CODE) {
    return Object.hasOwn(reply, 'result')
      ? null
      : "the envelope has no 'result' although 'code' is 0";
  }

  if (!Object.hasOwn(reply, 'msg')) {
    return `the envelope has no 'msg' although 'code' is ${repr(code)}`;
  }

  if (typeof reply.msg !== 'string') {
    return `'msg' must be a string, got ${shortRepr(reply.msg)}`;
  }

  return null;
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function describeFailure(error) {
  if (error instanceof Error) {
    return error.message ? `${error.name}: ${error.message}` : error.name;
  }

  return `a non-error value ${shortRepr(error)}`;
}

/**
 * @param {string} file
 * @returns {boolean}
 */
function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

module.exports = {
  INVALID_PARAMS_CODE,
  allowServerCallers,
  createDispatcher,
  envelopeProblem,
};
