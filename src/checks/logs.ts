// logs: a container's log (the running instance, or the one before its last
// restart) contains a text or matches a pattern — or does not. The log is read
// through the context's LogReader (GET pods/log, bounded by tailLines and
// limitBytes): the only checks that read logs are these, and only a short,
// masked excerpt of one line reaches a report.
import { defineCheck, type CheckContext, type Outcome } from './define.js';
import { field, objectsOf, selectByNameOrLabels } from './snapshot-read.js';
import { lastLine, lineAt, EXCERPT_MAX } from './logs/excerpt.js';
import { patternProblem, selectorProblem } from './lint/params.js';
import type { KubeObject } from '../cluster/types.js';
import type { LogAnswer } from '../cluster/log-types.js';
import { compilePattern } from '../core/pattern.js';
import { shortened } from '../core/quote.js';
import type { Text } from '../core/text.js';

export interface LogsParams {
  pod?: string;
  selector?: string;
  /** Default: the pod's `kubectl.kubernetes.io/default-container`, else its first container. */
  container?: string;
  previous?: boolean;
  contains?: string;
  /** RE2 syntax, run in linear time. */
  matches?: string;
  /** The text must not be there. */
  absent?: boolean;
  /** What students read for `matches`, instead of the pattern. */
  as?: Text;
  tailLines?: number;
  limitBytes?: number;
  /** With a selector: every pod's log (default) or one at least. */
  quantifier?: 'all' | 'any';
}

type MessageId = 'found' | 'not-found' | 'absent' | 'unwanted' | 'missing' | 'none-selected' | 'no-container' | 'no-previous' | 'waiting'
  | 'forbidden' | 'simulated' | 'unavailable' | 'too-long' | 'too-many' | 'bad-selector' | 'bad-pattern';

export const DEFAULT_LOG_BYTES = 64 * 1024;
/** A selector naming more pods than this is refused: each is one request. */
export const MAX_LOG_PODS = 10;

const containerOf = (pod: KubeObject, wanted: string | undefined): string | undefined => {
  const names = ((field(pod, 'spec', 'containers') ?? []) as Array<{ name?: unknown }>).map((c) => c.name).filter((n): n is string => typeof n === 'string');
  if (wanted !== undefined) return names.includes(wanted) ? wanted : undefined;
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  return annotated !== undefined && names.includes(annotated) ? annotated : names[0];
};

/** Where the text is, or -1; undefined when the lab's pattern cannot run. */
const findIn = (text: string, params: LogsParams): number | undefined => {
  if (params.contains !== undefined) return text.indexOf(params.contains);
  const pattern = compilePattern(params.matches ?? '');
  return pattern.ok ? pattern.search(text) : undefined;
};

const whatWords = (params: LogsParams): Text => {
  if (params.as !== undefined) return params.as;
  if (params.contains !== undefined) {
    const quoted = shortened(params.contains, EXCERPT_MAX);
    return { fr: `« ${quoted} »`, en: `"${quoted}"` };
  }
  return { fr: 'le texte attendu', en: 'the expected text' };
};

const FAILURES: Record<Exclude<LogAnswer, { ok: true }>['reason'], { status: Outcome<MessageId>['status']; messageId: MessageId }> = {
  forbidden: { status: 'error', messageId: 'forbidden' },
  'no-previous': { status: 'fail', messageId: 'no-previous' },
  waiting: { status: 'fail', messageId: 'waiting' },
  gone: { status: 'fail', messageId: 'missing' },
  simulated: { status: 'skip', messageId: 'simulated' },
  unavailable: { status: 'error', messageId: 'unavailable' },
};

const judgeOne = async (pod: KubeObject, params: LogsParams, context: CheckContext): Promise<Outcome<MessageId>> => {
  const previous = params.previous ?? false;
  const container = containerOf(pod, params.container);
  const instance: Text = previous ? { fr: 'instance précédente', en: 'previous instance' } : { fr: 'instance actuelle', en: 'current instance' };
  const data = { pod: pod.metadata.name, container: container ?? params.container ?? '' };
  if (container === undefined) return { status: 'fail', messageId: 'no-container', data };
  const words = { instance, what: whatWords(params) };
  const answer = await context.logs.read({
    namespace: context.snapshot.namespace,
    pod: pod.metadata.name,
    container,
    previous,
    ...(params.tailLines === undefined ? {} : { tailLines: params.tailLines }),
    limitBytes: params.limitBytes ?? DEFAULT_LOG_BYTES,
    ...(typeof field(pod, 'spec', 'nodeName') === 'string' ? { node: field(pod, 'spec', 'nodeName') as string } : {}),
  });
  if (!answer.ok) {
    const failure = FAILURES[answer.reason];
    return { ...failure, data: { ...data, reason: shortened(answer.message, 200) }, words };
  }
  const at = findIn(answer.text, params);
  if (at === undefined) return { status: 'error', messageId: 'bad-pattern', data };
  const wantAbsent = params.absent ?? false;
  const read = Buffer.byteLength(answer.text);
  if (at >= 0) {
    const excerpt = shortened(lineAt(answer.text, at), EXCERPT_MAX);
    return wantAbsent
      ? { status: 'fail', messageId: 'unwanted', data: { ...data, excerpt }, words }
      : { status: 'pass', messageId: 'found', data: { ...data, excerpt }, words };
  }
  // What was not read may hold it: an absence is not judged on part of a log.
  if (wantAbsent) return answer.truncated ? { status: 'error', messageId: 'too-long', data: { ...data, read }, words } : { status: 'pass', messageId: 'absent', data, words };
  const last = lastLine(answer.text);
  const quoted = shortened(last, EXCERPT_MAX);
  const lastWords: Text = last === '' ? { fr: '(journal vide)', en: '(empty log)' } : { fr: `« ${quoted} »`, en: `"${quoted}"` };
  const cut: Text = answer.truncated ? { fr: ` (seuls les ${read} premiers octets ont été lus)`, en: ` (only the first ${read} bytes were read)` } : { fr: '', en: '' };
  return { status: 'fail', messageId: 'not-found', data, words: { ...words, last: { fr: lastWords.fr + cut.fr, en: lastWords.en + cut.en } } };
};

export const logsCheck = defineCheck<LogsParams, MessageId>({
  kind: 'logs',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      pod: { type: 'string', minLength: 1 },
      selector: { type: 'string', minLength: 1 },
      container: { type: 'string', minLength: 1 },
      previous: { type: 'boolean' },
      contains: { type: 'string', minLength: 1 },
      matches: { type: 'string', minLength: 1 },
      absent: { type: 'boolean' },
      as: { type: 'object', required: ['fr', 'en'], additionalProperties: false, properties: { fr: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } } },
      tailLines: { type: 'integer', minimum: 1, maximum: 100_000 },
      limitBytes: { type: 'integer', minimum: 1, maximum: 1024 * 1024 },
      quantifier: { type: 'string', enum: ['all', 'any'] },
    },
    allOf: [
      { oneOf: [{ required: ['pod'] }, { required: ['selector'] }] },
      { oneOf: [{ required: ['contains'] }, { required: ['matches'] }] },
    ],
  },
  messages: {
    found: { fr: 'journal de {container} du pod {pod} ({instance}) : « {excerpt} »', en: 'log of {container} in pod {pod} ({instance}): "{excerpt}"' },
    'not-found': { fr: 'le journal de {container} du pod {pod} ({instance}) ne contient pas {what} ; dernière ligne : {last}', en: 'the log of {container} in pod {pod} ({instance}) does not show {what}; last line: {last}' },
    absent: { fr: 'le journal de {container} du pod {pod} ({instance}) ne contient pas {what}', en: 'the log of {container} in pod {pod} ({instance}) does not show {what}' },
    unwanted: { fr: 'le journal de {container} du pod {pod} ({instance}) contient {what} : « {excerpt} »', en: 'the log of {container} in pod {pod} ({instance}) shows {what}: "{excerpt}"' },
    missing: { fr: 'pod {pod} introuvable', en: 'pod {pod} not found' },
    'none-selected': { fr: 'aucun pod aux labels {selector} dans le namespace {namespace}', en: 'no pod labelled {selector} in namespace {namespace}' },
    'no-container': { fr: 'le pod {pod} n\'a pas de conteneur {container}', en: 'pod {pod} has no container {container}' },
    'no-previous': { fr: 'le conteneur {container} du pod {pod} n\'a pas d\'instance précédente : il n\'a pas redémarré', en: 'container {container} of pod {pod} has no previous instance: it has not restarted' },
    waiting: { fr: 'le conteneur {container} du pod {pod} n\'a pas démarré : {reason}', en: 'container {container} of pod {pod} has not started: {reason}' },
    forbidden: { fr: 'tp ne peut pas lire le journal du pod {pod} ({reason}) : il faut le droit get sur pods/log', en: 'tp may not read the log of pod {pod} ({reason}): it needs get on pods/log' },
    simulated: { fr: 'non vérifiable ici : {reason}', en: 'cannot be checked here: {reason}' },
    'too-long': {
      fr: 'le journal de {container} du pod {pod} ({instance}) dépasse ce que tp lit ({read} octets) : impossible de dire qu\'il ne contient pas {what} (le lab peut lire les dernières lignes seulement)',
      en: 'the log of {container} in pod {pod} ({instance}) is longer than tp reads ({read} bytes): it cannot say the log does not show {what} (the lab may read the last lines only)',
    },
    unavailable: { fr: 'le journal de {container} du pod {pod} n\'a pas pu être lu : {reason}', en: 'the log of {container} in pod {pod} could not be read: {reason}' },
    'too-many': { fr: '{count} pods aux labels {selector} : tp ne lit pas plus de {max} journaux par vérification', en: '{count} pods labelled {selector}: tp reads no more than {max} logs per check' },
    'bad-selector': { fr: 'sélecteur du lab invalide : {reason}', en: 'invalid selector in the lab: {reason}' },
    'bad-pattern': { fr: 'motif du lab invalide pour le journal du pod {pod}', en: 'invalid pattern in the lab for the log of pod {pod}' },
  },
  needs: () => ['pods'],
  lint: (params) => [...selectorProblem(['selector'], params.selector), ...patternProblem(['matches'], params.matches)],
  async evaluate(params, context) {
    const { snapshot } = context;
    const selected = selectByNameOrLabels(objectsOf(snapshot, 'pods'), params.pod, params.selector);
    if (typeof selected === 'string') return { status: 'error', messageId: 'bad-selector', data: { reason: selected } };
    if (selected.length === 0) {
      return params.pod !== undefined
        ? { status: 'fail', messageId: 'missing', data: { pod: params.pod } }
        : { status: 'fail', messageId: 'none-selected', data: { selector: params.selector ?? '', namespace: snapshot.namespace } };
    }
    if (selected.length > MAX_LOG_PODS) return { status: 'error', messageId: 'too-many', data: { selector: params.selector ?? '', count: selected.length, max: MAX_LOG_PODS } };
    const outcomes = await Promise.all(selected.map((pod) => judgeOne(pod, params, context)));
    // `any`: the first pass; `all`: the first that is not one. A skip (simulated nodes) is said as is.
    const shown = (params.quantifier ?? 'all') === 'any'
      ? (outcomes.find((o) => o.status === 'pass') ?? outcomes[0])
      : (outcomes.find((o) => o.status !== 'pass') ?? outcomes[0]);
    return shown as Outcome<MessageId>;
  },
});
