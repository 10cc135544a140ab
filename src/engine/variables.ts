// Lab variables (`${registry}`) in check parameters, filled from defaults and `--set`.
import type { Lab } from '../lab/types.js';
import { TpError } from '../core/errors.js';
import { interpolate } from '../core/text.js';
import { mapStrings } from '../core/map-strings.js';
import { NAMESPACE_VARIABLE } from '../core/namespace-variable.js';

export const resolveVariables = (lab: Lab, overrides: Readonly<Record<string, string>>): Record<string, string> => {
  const known = new Set(lab.variables.map((v) => v.name));
  for (const name of Object.keys(overrides)) {
    if (!known.has(name)) {
      throw new TpError('USAGE', `--set ${name}: lab ${lab.id} has no variable "${name}" (variables: ${[...known].join(', ') || 'none'})`);
    }
  }
  return Object.fromEntries(lab.variables.map((v) => [v.name, overrides[v.name] ?? v.default]));
};

/** Parses `--set key=value` options. */
export const parseSetOptions = (pairs: readonly string[]): Record<string, string> =>
  Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new TpError('USAGE', `--set ${pair}: expected key=value`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );

/** The lab's variables and `${namespace}`, the namespace checked, as check params see them. */
export const withNamespace = (variables: Readonly<Record<string, string>>, namespace: string): Record<string, string> => ({ ...variables, [NAMESPACE_VARIABLE]: namespace });

const VARIABLE_PLACEHOLDER = /\$\{([a-zA-Z0-9_-]+)\}/g;

/** Every `${name}` in the strings of `value` (nested in lists and objects too), filled from `variables`. */
export const fillVariables = <T>(value: T, variables: Readonly<Record<string, string>>): T => {
  if (typeof value === 'string') return interpolate(value, variables, VARIABLE_PLACEHOLDER) as T;
  if (Array.isArray(value)) return value.map((item) => fillVariables(item, variables)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillVariables(v, variables)])) as T;
  }
  return value;
};

/**
 * fillVariables sharing what holds no variable: the value itself when none appears in it, else a
 * copy of the parts that change. For check params, which checks only read (the tests of every
 * check kind freeze them): a lab's thousand students share its params instead of copying them.
 */
export const fillVariablesShared = <T>(value: T, variables: Readonly<Record<string, string>>): T =>
  mapStrings(value, (text) => (text.includes('${') ? interpolate(text, variables, VARIABLE_PLACEHOLDER) : text));
