// Moodle's external API descriptions, the little language its web service
// functions declare their parameters and answers in (lib/external: external_value,
// external_single_structure, external_multiple_structure), and the two checks
// Moodle makes with them: validate_parameters on what a client sends (unknown
// keys, missing required keys, values of the wrong PARAM_ type all refused with
// invalid_parameter_exception) and clean_returnvalue on what a function answers.
// The stand-in server (moodle-server.ts) declares each function in it as the
// source does, so that it takes and gives exactly what Moodle would.

export type ParamType = 'INT' | 'FLOAT' | 'BOOL' | 'ALPHA' | 'RAW' | 'TEXT' | 'ALPHANUMEXT';
type Presence = { required?: true } | { optional: true } | { default: unknown };

export type Desc =
  | ({ value: ParamType } & Presence)
  | ({ single: Record<string, Desc> } & Presence)
  | ({ multiple: Desc } & Presence);

export class InvalidParameter extends Error {}

export const value = (type: ParamType, presence: Presence = {}): Desc => ({ value: type, ...presence });
export const single = (keys: Record<string, Desc>, presence: Presence = {}): Desc => ({ single: keys, ...presence });
export const multiple = (content: Desc, presence: Presence = {}): Desc => ({ multiple: content, ...presence });

const isObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

// What clean_param then validate_param accept as each type, from a form's strings.
const VALID: Record<ParamType, RegExp> = {
  INT: /^-?[0-9]+$/,
  FLOAT: /^[+-]?[0-9]*\.?[0-9]*(e[-+]?[0-9]+)?$/i,
  BOOL: /^[01]$/,
  ALPHA: /^[a-zA-Z]*$/,
  ALPHANUMEXT: /^[a-zA-Z0-9_-]*$/,
  RAW: /[\s\S]*/,
  TEXT: /[\s\S]*/,
};

const convert = (type: ParamType, input: string): unknown => {
  if (type === 'INT' || type === 'FLOAT') return Number(input);
  if (type === 'BOOL') return input === '1';
  return input;
};

/** validate_parameters: the value Moodle's function receives, or InvalidParameter with its debug info. */
export const validateParameters = (desc: Desc, input: unknown): unknown => {
  if ('value' in desc) {
    if (typeof input !== 'string') throw new InvalidParameter(`Invalid external api parameter: the value is "${JSON.stringify(input)}", the server was expecting "${desc.value.toLowerCase()}" type`);
    if (!VALID[desc.value].test(input) || ((desc.value === 'FLOAT') && (input === '' || Number.isNaN(Number(input))))) {
      throw new InvalidParameter('Invalid external api parameter');
    }
    return convert(desc.value, input);
  }
  if ('single' in desc) {
    if (!isObject(input)) throw new InvalidParameter('Only arrays accepted. The bad value is: \'' + String(input) + '\'');
    const rest = { ...input };
    const result: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(desc.single)) {
      if (!(key in rest)) {
        if ('default' in sub) result[key] = sub.default;
        else if (!('optional' in sub)) throw new InvalidParameter(`Missing required key in single structure: ${key}`);
        continue;
      }
      try {
        result[key] = validateParameters(sub, rest[key]);
      } catch (error) {
        throw new InvalidParameter(`${key} => ${(error as Error).message}`);
      }
      delete rest[key];
    }
    if (Object.keys(rest).length > 0) throw new InvalidParameter(`Unexpected keys (${Object.keys(rest).join(', ')}) detected in parameter array.`);
    return result;
  }
  if (!isObject(input) && !Array.isArray(input)) throw new InvalidParameter('Only arrays accepted. The bad value is: \'' + String(input) + '\'');
  return Object.values(input).map((item) => validateParameters(desc.multiple, item));
};

/** clean_returnvalue: the answer must have every required key, no value of the wrong kind. */
export const checkReturn = (desc: Desc | null, output: unknown, path = 'return'): void => {
  if (desc === null) {
    if (output !== null) throw new Error(`${path}: the function returns nothing`);
    return;
  }
  if ('value' in desc) {
    const ok = desc.value === 'INT' ? Number.isInteger(output) : desc.value === 'FLOAT' ? typeof output === 'number' : desc.value === 'BOOL' ? typeof output === 'boolean' : typeof output === 'string';
    if (!ok) throw new Error(`${path}: ${JSON.stringify(output)} is not ${desc.value}`);
    return;
  }
  if ('single' in desc) {
    if (!isObject(output)) throw new Error(`${path}: not a structure`);
    for (const [key, sub] of Object.entries(desc.single)) {
      if (!(key in output)) {
        if ('optional' in sub || 'default' in sub) continue;
        throw new Error(`${path}.${key}: missing required key`);
      }
      checkReturn(sub, output[key], `${path}.${key}`);
    }
    const unknown = Object.keys(output).filter((key) => !(key in desc.single));
    if (unknown.length > 0) throw new Error(`${path}: keys ${unknown.join(', ')} are not declared`);
    return;
  }
  if (!Array.isArray(output)) throw new Error(`${path}: not a list`);
  output.forEach((item, i) => checkReturn(desc.multiple, item, `${path}[${i}]`));
};

/** PHP's form decoding: `grades[0][userid]=5` → { grades: { 0: { userid: '5' } } }. */
export const decodePhpForm = (pairs: Iterable<[string, string]>): Record<string, unknown> => {
  const root: Record<string, unknown> = {};
  for (const [name, text] of pairs) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
    if (!match) continue;
    const keys = [match[1] as string, ...[...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] as string)];
    let node = root;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) node[key] = text;
      else {
        if (!isObject(node[key])) node[key] = {};
        node = node[key] as Record<string, unknown>;
      }
    });
  }
  return root;
};
