// The `resource` param of the kinds that read one kind of object: a name as
// kubectl accepts it (`configmaps`, `cm`, `Deployment`, `deployments.apps`,
// `HorizontalPodAutoscaler.v1.autoscaling`, `crontabs.stable.example.com`).
// The schema keeps out what no kind name can be; whether it names a kind is
// for `tp lab lint` (Kubernetes' own kinds) and the cluster (custom resources).
export const KIND_NAME_SCHEMA = {
  type: 'string',
  title: 'a kind as kubectl names it (plural, singular, Kind, short name, plural.group, Kind.version.group)',
  minLength: 1,
  maxLength: 253,
  pattern: '^[A-Za-z0-9][A-Za-z0-9.-]*$',
} as const;
