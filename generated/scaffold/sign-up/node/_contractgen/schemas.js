/**
 * Checking params and results against the contract's JSON Schemas with ajv,
 * each violation worded as the Python dispatcher words it where the keyword
 * is a common one.
 *
 * Written by contractgen, the same for every module; `contractgen scaffold`
 * rewrites it.
 */
'use strict';

const Ajv2020 = require('ajv/dist/2020').default;
const { repr, shortRepr } = require('./repr');

/** The input and output validators of one module's interfaces. */
class Schemas {
  /**
   * @param {Record<string, any>} documents
   * @param {string} moduleFile
   */
  constructor(documents, moduleFile) {
    // Formats stay annotations, as draft 2020-12 says and as the Python side
    // does; contract documents hold keywords ajv does not know, hence strict off.
    this.ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: false,
      validateFormats: false,
      validateSchema: false,
    });
    for (const [file, document] of Object.entries(documents)) {
      // A contract's $schema names the contract meta-schema, which ajv would
      // try to load as the dialect of the document; the dialect is 2020-12.
      const { $schema, ...schema } = document;
      this.ajv.addSchema(schema, file);
    }

    this.moduleFile = moduleFile;
    /** @type {Map<string, import('ajv').ValidateFunction>} */
    this.validators = new Map();
  }

  /**
   * Check `instance` against the interface's input or output schema.
   *
   * @param {string} name
   * @param {'input' | 'output'} part
   * @param {unknown} instance
   * @returns {string[]} one line per violation, none when valid
   */
  validate(name, part, instance) {
    const key = `${name}/${part}`;
    let validator = this.validators.get(key);
    if (!validator) {
      const pointer = ['interfaces', name, part].map(escapePointer).join('/');
      const ref = `${this.moduleFile}#/${pointer}`;
      validator = this.ajv.compile({ $ref: ref });
      this.validators.set(key, validator);
    }

    if (validator(instance)) {
      return [];
    }

    const root = part === 'input' ? 'the params' : 'the result';
    const errors = mainErrors(validator.errors || []);
    return errors.map((error) => describeViolation(error, root));
  }
}

/**
 * The errors worth reporting: inside an anyOf or oneOf that failed, the branch
 * errors are noise once the combinator's own error names the place.
 *
 * @param {any[]} errors
 * @returns {any[]}
 */
function mainErrors(errors) {
  const combinators = errors
    .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
    .map((error) => error.schemaPath + '/');
  const kept = errors.filter(
    (error) => !combinators.some((prefix) => error.schemaPath.startsWith(prefix)),
  );
  const seen = new Set();
  return kept.filter((error) => {
    const line = describeViolation(error, '');
    const fresh = !seen.has(line);
    seen.add(line);
    return fresh;
  });
}

/**
 * One violation as `<instance pointer>: <what is wrong>`, worded as the Python
 * dispatcher words it where the keyword is a common one.  The empty pointer of
 * the whole instance is shown as `root`, since `/` would name the key "".
 *
 * @param {any} error
 * @param {string} root - what the whole instance is called: 'the params'
 * @returns {string}
 */
function describeViolation(error, root) {
  const where = error.instancePath || root;
  return `${where}: ${violationMessage(error)}`;
}

/**
 * @param {any} error
 * @returns {string}
 */
function violationMessage(error) {
  const value = shortRepr(error.data);
  const params = error.params || {};
  switch (error.keyword) {
    case 'type': {
      const types = [].concat(params.type).map(repr).join(', ');
      return `${value} is not of type ${types}`;
    }
    case 'required':
      return `${repr(params.missingProperty)} is a required property`;
    case 'additionalProperties':
      return (
        'Additional properties are not allowed' +
        ` (${repr(params.additionalProperty)} was unexpected)`
      );
    case 'enum':
      return `${value} is not one of ${shortRepr(params.allowedValues)}`;
    case 'const':
      return `${shortRepr(params.allowedValue)} was expected`;
    case 'minimum':
      return `${value} is less than the minimum of ${params.limit}`;
    case 'maximum':
      return `${value} is greater than the maximum of ${params.limit}`;
    case 'exclusiveMinimum':
      return `${value} is less than or equal to the minimum of ${params.limit}`;
    case 'exclusiveMaximum':
      return `${value} is greater than or equal to the maximum of ${params.limit}`;
    case 'minLength':
    case 'minItems':
      return `${value} is too short`;
    case 'maxLength':
    case 'maxItems':
      return `${value} is too long`;
    case 'pattern':
      return `${value} does not match ${repr(params.pattern)}`;
    case 'uniqueItems':
      return `${value} has non-unique elements`;
    case 'not':
      return `${value} should not be valid under ${shortRepr(error.schema)}`;
    case 'oneOf':
      return params.passingSchemas
        ? `${value} is valid under each of ${shortRepr(error.schema)}`
        : `${value} is not valid under any of the given schemas`;
    case 'anyOf':
      return `${value} is not valid under any of the given schemas`;
    default:
      return String(error.message);
  }
}

/**
 * @param {string} segment
 * @returns {string}
 */
function escapePointer(segment) {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

module.exports = { Schemas };
