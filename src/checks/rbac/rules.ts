// Whether one PolicyRule of a Role or ClusterRole allows a request: Kubernetes'
// rbac/validation RuleAllows, VerbMatches, APIGroupMatches, ResourceMatches,
// ResourceNameMatches and NonResourceURLMatches, field for field.
/** What is asked, as a SubjectAccessReview's resourceAttributes or nonResourceAttributes say it. */
export type RequestAttributes =
  | { verb: string; apiGroup: string; resource: string; subresource: string; name: string; namespace: string }
  | { verb: string; nonResourceURL: string };

export interface PolicyRule {
  verbs?: unknown;
  apiGroups?: unknown;
  resources?: unknown;
  resourceNames?: unknown;
  nonResourceURLs?: unknown;
}

const ALL = '*';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

const hasOrAll = (values: readonly string[], wanted: string): boolean => values.some((value) => value === ALL || value === wanted);

// `pods/log` matches `pods/log`, `*` and `*/log`; `pods` matches `pods` and `*` only.
const resourceMatches = (ruleResources: readonly string[], resource: string, subresource: string): boolean => {
  const combined = subresource === '' ? resource : `${resource}/${subresource}`;
  return ruleResources.some(
    (ruleResource) => ruleResource === ALL || ruleResource === combined || (subresource !== '' && ruleResource === `*/${subresource}`),
  );
};

// An empty list names every object; a list only those names (so never a list or a create, which have none).
const resourceNameMatches = (names: readonly string[], name: string): boolean => names.length === 0 || names.includes(name);

// `/healthz/*` covers what starts with `/healthz/`; `*` covers everything.
const nonResourceUrlMatches = (urls: readonly string[], url: string): boolean =>
  urls.some((ruleUrl) => ruleUrl === ALL || ruleUrl === url || (ruleUrl.endsWith('*') && url.startsWith(ruleUrl.replace(/\*+$/, ''))));

export const ruleAllows = (rule: PolicyRule, request: RequestAttributes): boolean => {
  if (!hasOrAll(strings(rule.verbs), request.verb)) return false;
  if ('nonResourceURL' in request) return nonResourceUrlMatches(strings(rule.nonResourceURLs), request.nonResourceURL);
  return (
    hasOrAll(strings(rule.apiGroups), request.apiGroup) &&
    resourceMatches(strings(rule.resources), request.resource, request.subresource) &&
    resourceNameMatches(strings(rule.resourceNames), request.name)
  );
};
