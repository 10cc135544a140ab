// What a name from discovery must look like before tp keeps it: the API server
// that answers discovery may be a student's, or anything a kubeconfig points at,
// and these names go into request paths, cache files, messages on a terminal.
// Kubernetes itself validates them the same way (groups are DNS subdomains,
// versions and resources DNS labels), so a real server never fails these.

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const isLabel = (text: unknown): text is string => typeof text === 'string' && text.length <= 63 && LABEL.test(text);

/** `''` (the core group) or a DNS subdomain: `apps`, `stable.example.com`. */
export const isGroup = (text: unknown): text is string =>
  typeof text === 'string' && (text === '' || (text.length <= 253 && text.split('.').every((part) => LABEL.test(part))));

/** `Deployment`, `CronTab`: a Kind is a CamelCase word. */
export const isKindWord = (text: unknown): text is string => typeof text === 'string' && text.length <= 100 && /^[A-Za-z][A-Za-z0-9]*$/.test(text);

export const isVerb = (text: unknown): text is string => typeof text === 'string' && text.length <= 40 && /^[a-z][a-zA-Z]*$/.test(text);
