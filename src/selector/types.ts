// A parsed label selector, shaped like k8s.io/apimachinery/pkg/labels.Requirement so that
// what a student types behaves exactly as it would with `kubectl get -l`.

/** The operator spellings of k8s.io/apimachinery/pkg/selection. */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  /**
   * Empty for `exists` and `!`; one value for `=`, `==`, `!=`, `gt`, `lt`; for `in` and
   * `notin` a non-empty set, sorted and without duplicates (as Kubernetes stores it).
   */
  values: string[];
}

export type ParseResult =
  | { ok: true; requirements: Requirement[] }
  /** `column` is 1-based, in UTF-16 code units of the text given to the parser. */
  | { ok: false; reason: string; column: number };
