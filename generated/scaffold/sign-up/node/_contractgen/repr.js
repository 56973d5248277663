/**
 * Values shown in replies as the Python dispatcher shows them, so that both
 * dispatchers give the same messages.
 *
 * Written by contractgen, the same for every module; `contractgen scaffold`
 * rewrites it.
 */
'use strict';

const util = require('node:util');

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value written as Python's repr() writes it, so that both dispatchers say
 * the same thing: 'text', None, True, [1, 2], {'a': 1}.
 *
 * @param {unknown} value
 * @returns {string}
 */
function pyRepr(value) {
  if (value === null || value === undefined) {
    return 'None';
  }

  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }

  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const body = [...value].map((char) => escapeChar(char, quote)).join('');
    return `${quote}${body}${quote}`;
  }

  if (Array.isArray(value)) {
    return `[${value.map(pyRepr).join(', ')}]`;
  }

  if (isObject(value)) {
    const items = Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`);
    return `{${items.join(', ')}}`;
  }

  return util.inspect(value);
}

/**
 * @param {string} char
 * @param {string} quote
 * @returns {string}
 */
function escapeChar(char, quote) {
  const named = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  if (Object.hasOwn(named, char)) {
    return named[/** @type {keyof named} */ (char)];
  }

  if (char === quote) {
    return `\\${quote}`;
  }

  const code = char.codePointAt(0) || 0;
  if (code < 0x20 || code === 0x7f) {
    return `\\x${code.toString(16).padStart(2, '0')}`;
  }

  return char;
}

/**
 * pyRepr cut short, so that one bad value cannot flood a message.
 *
 * @param {unknown} value
 * @returns {string}
 */
function shortRepr(value) {
  const text = pyRepr(value);
  return text.length > 80 ? `${text.slice(0, 38)}...${text.slice(-39)}` : text;
}

module.exports = { isObject, pyRepr, shortRepr };
