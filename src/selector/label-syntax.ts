// Label key and value rules of k8s.io/apimachinery/pkg/util/validation (IsQualifiedName,
// IsValidLabelValue), with the reason phrased for a student rather than as a regexp.

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_MAX = 63;
const PREFIX_MAX = 253;

const nameProblem = (name: string, what: string): string | undefined => {
  if (name.length > NAME_MAX) return `${what} must be at most ${NAME_MAX} characters`;
  if (!NAME.test(name)) {
    return `${what} may hold only letters, digits, "-", "_" and ".", and must start and end with a letter or digit`;
  }
  return undefined;
};

/** Why `key` is not a valid label key, or undefined when it is. */
export const labelKeyProblem = (key: string): string | undefined => {
  const parts = key.split('/');
  if (parts.length > 2) return 'a key holds at most one "/"';
  const [first = '', second] = parts;
  if (second === undefined) return first === '' ? 'the key is empty' : nameProblem(first, 'the key');
  if (first === '') return 'the prefix before "/" is empty';
  if (first.length > PREFIX_MAX) return `the prefix before "/" must be at most ${PREFIX_MAX} characters`;
  if (!DNS_SUBDOMAIN.test(first)) {
    return 'the prefix before "/" must be a DNS name (lowercase letters, digits, "-" and ".")';
  }
  if (second === '') return 'the name after "/" is empty';
  return nameProblem(second, 'the name after "/"');
};

/** Why `value` is not a valid label value (the empty value is valid), or undefined. */
export const labelValueProblem = (value: string): string | undefined =>
  value === '' ? undefined : nameProblem(value, 'a value');

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The value as Go's strconv.ParseInt(value, 10, 64) reads it, or undefined. */
export const parseInt64 = (value: string): bigint | undefined => {
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const number = BigInt(value);
  return number < INT64_MIN || number > INT64_MAX ? undefined : number;
};
