/**
 * Runs calls through a scaffold's entry file in one process, for the tests.
 *
 * Reads {entry, out, calls: [{event, context}]} as JSON on stdin and writes,
 * per call, {reply, touched} as JSON to the file `out` (stdout is left to the
 * code under test). `touched` lists every path the call
 * stat-ed, opened or read and every module it required, so that a test can
 * prove a hostile method name reaches no file at all.
 */
'use strict';

const fs = require('node:fs');
const Module = require('node:module');

const TRACED = [
  'accessSync',
  'existsSync',
  'lstatSync',
  'openSync',
  'readFileSync',
  'readdirSync',
  'realpathSync',
  'statSync',
];

/** @type {string[]} */
let touched = [];

function trace() {
  for (const name of TRACED) {
    const original = /** @type {any} */ (fs)[name];
    /** @type {any} */ (fs)[name] = function traced(/** @type {any[]} */ ...args) {
      touched.push(`${name}:${String(args[0])}`);
      return original.apply(this, args);
    };
  }

  const anyModule = /** @type {any} */ (Module);
  const load = anyModule._load;
  anyModule._load = function tracedLoad(/** @type {any[]} */ ...args) {
    touched.push(`require:${String(args[0])}`);
    return load.apply(this, args);
  };
}

async function main() {
  const request = JSON.parse(fs.readFileSync(0, 'utf8'));
  // Loading the entry reads the contracts and ajv; only calls are traced.
  const { main: handle } = require(request.entry);
  trace();
  const results = [];
  for (const call of request.calls) {
    touched = [];
    const reply = await handle(call.event, call.context);
    results.push({ reply: reply === undefined ? null : reply, touched });
  }

  fs.writeFileSync(request.out, JSON.stringify(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
