/**
 * Values shown in replies: written as JavaScript writes them, with strings
 * quoted as the Python dispatcher quotes them so that both give the same
 * messages wherever the value is not null, undefined or a boolean.
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
 * A value as a message shows it: 'text', null, undefined, true, [1, 2],
 * {'a': 1}.
 *
 * @param {unknown} value
 * @returns {string}
 */
function repr(value) {
  if (value === null || value === undefined || typeof value === 'boolean') {
    return String(value);
  }

  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const body = [...value].map((char) => escapeChar(char, quote)).join('');
    return `${quote}${body}${quote}`;
  }

  if (Array.isArray(value)) {
    return `[${value.map(repr).join(', ')}]`;
  }

  if (isObject(value)) {
    const items = Object.entries(value).map(([k, v]) => `${repr(k)}: ${repr(v)}`);
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
 * repr cut short, so that one bad value cannot flood a message.
 *
 * @param {unknown} value
 * @returns {string}
 */
function shortRepr(value) {
  const text = repr(value);
  return text.length > 80 ? `${text.slice(0, 38)}...${text.slice(-39)}` : text;
}

module.exports = { isObject, repr, shortRepr };
