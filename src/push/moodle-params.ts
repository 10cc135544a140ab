// Parameters of a Moodle web service call, as its REST server reads them: PHP's
// form decoding turns `grades[0][userid]=5` into nested arrays, so nested values
// are written as bracketed keys (lists by index, structures by key), booleans as
// 1 and 0 (PARAM_BOOL), numbers in plain decimal.
export type MoodleParam = string | number | boolean | readonly MoodleParam[] | { readonly [key: string]: MoodleParam };

const flatten = (prefix: string, value: MoodleParam, into: Array<[string, string]>): void => {
  if (Array.isArray(value)) {
    value.forEach((item: MoodleParam, index) => flatten(`${prefix}[${index}]`, item, into));
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(`${prefix}[${key}]`, item, into);
  } else if (typeof value === 'boolean') {
    into.push([prefix, value ? '1' : '0']);
  } else {
    into.push([prefix, String(value)]);
  }
};

/** `{grades: [{userid: 5}]}` → `grades[0][userid]=5`, in a form body. */
export const encodeMoodleParams = (params: Readonly<Record<string, MoodleParam>>): URLSearchParams => {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(params)) flatten(key, value, pairs);
  return new URLSearchParams(pairs);
};
