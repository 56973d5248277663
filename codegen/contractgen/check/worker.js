'use strict';
/**
 * The Node side of `contractgen check`: one long-lived process that calls the
 * handlers of a cloud function folder (the working directory) and describes
 * their replies.
 *
 * Usage: node worker.js CHANNEL_FD MAX_REPLY_BYTES [INTERFACE...]
 *
 * The INTERFACEs' handlers are loaded at once, in order, before any request
 * names them: the checker starts the worker before it has loaded the contract,
 * and the first handler to require a large package (wx-server-sdk) takes a
 * while.  A later "load" or "call" request then finds the handler loaded, or the
 * error its loading met.
 *
 * Requests and replies travel as JSON lines over the socket CHANNEL_FD, never
 * over stdout, so whatever a handler prints cannot corrupt them.  Many calls may
 * be in flight at once; each reply carries the id of its request.
 *
 * Request:  {"id": 7, "op": "call" | "load", "interface": "send_prize",
 *            "input": {...}, "timeout": 3}
 * Reply:    {"id": 7, "status": "reply", "problems": [], "value": {...}}
 *           status is one of reply, threw, timeout, too_large, loaded,
 *           not_found, not_function.
 */

const fs = require('fs');
const net = require('net');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const channelFd = Number(process.argv[2]);
const maxReplyBytes = Number(process.argv[3]);
// Long texts from handlers (messages, stacks, previews) are cut to this length,
// so that a handler cannot make a frame grow without bound through them.
const MAX_TEXT = 4000;
const MAX_PROBLEMS = 20;
// The worker's own references to the globals it needs, taken before any handler
// loads: a handler that replaces JSON.stringify or Promise.race, say, changes
// what it sees, never the protocol.
const exit = process.exit.bind(process);
const stringify = JSON.stringify;
const parse = JSON.parse;
const byteLength = Buffer.byteLength;
const race = Promise.race.bind(Promise);
const { setTimeout, clearTimeout } = globalThis;
const { keys, getPrototypeOf } = Object;
const { isArray } = Array;
const { isFinite } = Number;
const { inspect } = util;

const handlers = new Map();
const TIMED_OUT = Symbol('timed out');

function cut(text) {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function describeError(error) {
  if (error instanceof Error) {
    // The worker's own frames say nothing about the handler.
    const stack = String(error.stack || '')
      .split('\n')
      .filter((line) => !line.includes(__filename))
      .join('\n');
    return {
      name: cut(String(error.name)),
      message: cut(String(error.message)),
      stack: cut(stack),
    };
  }

  // Not an Error: a string, a number, a plain object...
  return { name: '', message: cut(preview(error)), stack: '' };
}

function preview(value) {
  const text = inspect(value, {
    depth: 4,
    breakLength: Infinity,
    maxArrayLength: 20,
    maxStringLength: 200,
  });
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

function describeExport(value) {
  if (value === null) return 'null';
  if (isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

async function requireHandler(name) {
  const file = path.join(process.cwd(), 'api', `${name}.js`);
  if (!fs.existsSync(file)) {
    return { status: 'not_found', file: path.join('api', `${name}.js`) };
  }

  let exported;
  try {
    exported = require(file);
  } catch (error) {
    if (error && error.code !== 'ERR_REQUIRE_ESM') {
      return { status: 'threw', during: 'load', error: describeError(error) };
    }

    // A folder whose package.json says "type": "module" holds ES modules.
    try {
      exported = await import(pathToFileURL(file).href);
    } catch (importError) {
      return { status: 'threw', during: 'load', error: describeError(importError) };
    }
  }

  if (typeof exported === 'function') return { status: 'loaded', fn: exported };
  if (exported && typeof exported.default === 'function') {
    return { status: 'loaded', fn: exported.default };
  }

  const what = describeExport(exported);
  return { status: 'not_function', exported: `api/${name}.js exports ${what}, not a function` };
}

async function loadHandler(name) {
  if (!/^[A-Za-z0-9_$-]+$/.test(name)) {
    return { status: 'not_found', file: `api/${name}.js` };
  }

  if (!handlers.has(name)) handlers.set(name, requireHandler(name));
  return handlers.get(name);
}

function escapePointer(key) {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** What JSON.stringify would drop, change or refuse, with where it is. */
function findProblems(value, pointer, ancestors, problems) {
  if (problems.length >= MAX_PROBLEMS) return;
  switch (typeof value) {
    case 'undefined':
      problems.push([pointer, 'undefined']);
      return;
    case 'function':
      problems.push([pointer, 'a function']);
      return;
    case 'symbol':
      problems.push([pointer, 'a symbol']);
      return;
    case 'bigint':
      problems.push([pointer, 'a BigInt']);
      return;
    case 'number':
      if (!isFinite(value)) problems.push([pointer, String(value)]);
      return;
    case 'object':
      break;
    default:
      return;
  }

  if (value === null) return;
  if (ancestors.has(value)) {
    problems.push([pointer, 'a cyclic reference']);
    return;
  }

  if (value instanceof Date) {
    problems.push([pointer, 'a Date']);
    return;
  }

  if (!isArray(value)) {
    const proto = getPrototypeOf(value);
    const builtin = [Map, Set, WeakMap, WeakSet, RegExp, Error, Promise];
    const kind = builtin.find((type) => value instanceof type);
    if (kind) {
      problems.push([pointer, `a ${kind.name}`]);
      return;
    }

    if (typeof value.toJSON === 'function') {
      const name = proto && proto.constructor ? proto.constructor.name : 'object';
      problems.push([pointer, `an object with toJSON (${name})`]);
      return;
    }
  }

  ancestors.add(value);
  if (isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      findProblems(value[index], `${pointer}/${index}`, ancestors, problems);
    }
  } else {
    for (const key of keys(value)) {
      findProblems(value[key], `${pointer}/${escapePointer(key)}`, ancestors, problems);
    }
  }

  ancestors.delete(value);
}

function frame(id, status, fields) {
  return `${stringify({ id, status, ...fields })}\n`;
}

function replyFrame(id, value) {
  const problems = [];
  findProblems(value, '', new Set(), problems);
  if (problems.length > 0) {
    return frame(id, 'reply', { problems, preview: preview(value) });
  }

  const json = stringify(value);
  // Characters take up to three bytes in UTF-8; count bytes only near the limit.
  if (json.length * 3 > maxReplyBytes) {
    const size = byteLength(json);
    if (size > maxReplyBytes) return frame(id, 'too_large', { size });
  }

  return `{"id":${id},"status":"reply","problems":[],"value":${json}}\n`;
}

async function handle(request) {
  const entry = await loadHandler(request.interface);
  if (entry.status !== 'loaded' || request.op === 'load') {
    const { fn, ...fields } = entry;
    return frame(request.id, entry.status, fields);
  }

  let timer;
  const expired = new Promise((resolve) => {
    timer = setTimeout(resolve, request.timeout * 1000, TIMED_OUT);
  });
  let value;
  try {
    const context = { interface: request.interface, requestId: `contractgen-${request.id}` };
    const handler = entry.fn;
    value = await race([handler(request.input, context), expired]);
  } catch (error) {
    return frame(request.id, 'threw', { during: 'call', error: describeError(error) });
  } finally {
    clearTimeout(timer);
  }

  if (value === TIMED_OUT) return frame(request.id, 'timeout', {});
  try {
    return replyFrame(request.id, value);
  } catch (error) {
    // A getter that throws, for one: the platform could not serialize it either.
    const what = `a value that cannot be serialized (${cut(String(error))})`;
    return frame(request.id, 'reply', { problems: [['', what]], preview: '' });
  }
}

function serve(channel) {
  const write = channel.write.bind(channel);
  let buffered = '';
  channel.setEncoding('utf8');
  channel.on('data', (chunk) => {
    buffered += chunk;
    let end = buffered.indexOf('\n');
    while (end !== -1) {
      const request = parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      (async () => write(await handle(request)))();
      end = buffered.indexOf('\n');
    }
  });
  // The checker closes the channel when it is done, or dies: either way, stop.
  channel.on('end', () => exit(0));
  channel.on('error', () => exit(0));
}

for (const name of process.argv.slice(4)) loadHandler(name);
serve(new net.Socket({ fd: channelFd, readable: true, writable: true }));
