// logs: a container's log shows (or does not show) a text. These cases say what
// the log reader is asked and what comes of its answers; test/live/logs.test.ts
// reads real logs through the API server (403, simulated nodes) and
// test/kind/new-checks.test.ts real containers' logs.
import { expect } from 'vitest';
import type { LogAnswer, LogRequest } from '../../src/cluster/log-types.js';
import { NAMESPACE, object, testCheck } from './test-check.js';

const pod = (name: string, labels: Record<string, string>, containers: string[], annotations: Record<string, string> = {}) =>
  object('Pod', name, { spec: { nodeName: 'tp-worker', containers: containers.map((c) => ({ name: c, image: 'app' })) } }, { labels, annotations });

const web = pod('web', { app: 'web' }, ['app', 'sidecar']);
const web2 = pod('web-2', { app: 'web' }, ['app', 'sidecar']);
const annotated = pod('api', { app: 'api' }, ['proxy', 'api'], { 'kubectl.kubernetes.io/default-container': 'api' });
const objects = { pods: [web, web2, annotated] };

const LOG = 'starting\nconnecting to db with password=hunter2 token: abc.def\nListening on :8080\nGET / 200\n';

/** The log reader answers `answer`, once asked the right thing. */
const reads = (answer: LogAnswer | ((request: LogRequest) => LogAnswer), expected: Partial<LogRequest> = {}) => (request: LogRequest): LogAnswer => {
  expect(request).toEqual({ namespace: NAMESPACE, pod: 'web', container: 'app', previous: false, limitBytes: 65536, node: 'tp-worker', ...expected });
  return typeof answer === 'function' ? answer(request) : answer;
};
const log = (text: string, truncated = false): LogAnswer => ({ ok: true, text, truncated });

testCheck('logs', {
  valid: [
    {
      name: 'the server said it listens: the line is quoted',
      params: { pod: 'web', contains: 'Listening on' },
      objects,
      logs: reads(log(LOG)),
      messageId: 'found',
      data: { pod: 'web', container: 'app', excerpt: 'Listening on :8080' },
      says: { fr: 'journal de app du pod web (instance actuelle) : « Listening on :8080 »', en: 'log of app in pod web (current instance): "Listening on :8080"' },
    },
    {
      name: 'a pattern, in the words the lab gives for it, on the previous instance of another container, the last lines',
      params: { pod: 'web', container: 'sidecar', previous: true, matches: 'GET / [45]\\d\\d', as: { fr: 'une erreur HTTP', en: 'an HTTP error' }, tailLines: 50, limitBytes: 4096 },
      objects,
      logs: reads(log('GET / 200\nGET / 503\n'), { container: 'sidecar', previous: true, tailLines: 50, limitBytes: 4096 }),
      messageId: 'found',
      data: { pod: 'web', container: 'sidecar', excerpt: 'GET / 503' },
      says: { fr: 'journal de sidecar du pod web (instance précédente) : « GET / 503 »', en: 'log of sidecar in pod web (previous instance): "GET / 503"' },
    },
    {
      name: 'no error in the log, as asked',
      params: { pod: 'web', contains: 'panic', absent: true },
      objects,
      logs: reads(log(LOG)),
      messageId: 'absent',
      data: { pod: 'web', container: 'app' },
      says: { fr: 'le journal de app du pod web (instance actuelle) ne contient pas « panic »', en: 'the log of app in pod web (current instance) does not show "panic"' },
    },
    {
      name: 'the default container of the annotation kubectl reads',
      params: { pod: 'api', contains: 'ready' },
      objects,
      logs: (request) => {
        expect(request.container).toBe('api');
        return log('ready\n');
      },
      messageId: 'found',
      data: { pod: 'api', container: 'api', excerpt: 'ready' },
    },
    {
      name: 'one pod of a label at least',
      params: { selector: 'app=web', contains: 'Listening', quantifier: 'any' },
      objects,
      logs: (request) => log(request.pod === 'web-2' ? 'Listening on :8080\n' : 'starting\n'),
      messageId: 'found',
      data: { pod: 'web-2', container: 'app', excerpt: 'Listening on :8080' },
    },
  ],
  invalid: [
    {
      name: 'not there: the last line is shown, a password in it masked',
      params: { pod: 'web', contains: 'Ready' },
      objects,
      logs: reads(log('starting\nconnecting to db with password=hunter2 and token: "abc.def"\n\n')),
      messageId: 'not-found',
      data: { pod: 'web', container: 'app' },
      says: {
        fr: 'le journal de app du pod web (instance actuelle) ne contient pas « Ready » ; dernière ligne : « connecting to db with password=<redacted> and token: "<redacted>" »',
        en: 'the log of app in pod web (current instance) does not show "Ready"; last line: "connecting to db with password=<redacted> and token: "<redacted>""',
      },
    },
    {
      name: 'not in the part read of a long log, and it says so',
      params: { pod: 'web', contains: 'Ready', limitBytes: 9 },
      objects,
      logs: reads(log('starting\n', true), { limitBytes: 9 }),
      messageId: 'not-found',
      data: { pod: 'web', container: 'app' },
      says: {
        fr: 'le journal de app du pod web (instance actuelle) ne contient pas « Ready » ; dernière ligne : « starting » (seuls les 9 premiers octets ont été lus)',
        en: 'the log of app in pod web (current instance) does not show "Ready"; last line: "starting" (only the first 9 bytes were read)',
      },
    },
    {
      name: 'an empty log',
      params: { pod: 'web', contains: 'Ready' },
      objects,
      logs: reads(log('')),
      messageId: 'not-found',
      data: { pod: 'web', container: 'app' },
      says: { fr: 'le journal de app du pod web (instance actuelle) ne contient pas « Ready » ; dernière ligne : (journal vide)', en: 'the log of app in pod web (current instance) does not show "Ready"; last line: (empty log)' },
    },
    {
      name: 'an error that should not be there, a bearer token and control characters in its line',
      params: { selector: 'app=web', matches: '(?i)unauthori[sz]ed', absent: true },
      objects,
      logs: (request) => log(request.pod === 'web' ? 'ok\n' : 'Unauthorized: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig \u001b[2J\n'),
      messageId: 'unwanted',
      data: { pod: 'web-2', container: 'app', excerpt: 'Unauthorized: Authorization: <redacted> <redacted> \\u001b[2J' },
    },
    {
      name: 'an absence is not judged on part of a log',
      params: { pod: 'web', contains: 'panic', absent: true },
      objects,
      logs: reads(log('x'.repeat(100), true)),
      status: 'error',
      messageId: 'too-long',
      data: { pod: 'web', container: 'app', read: 100 },
    },
    {
      name: 'no previous instance',
      params: { pod: 'web', previous: true, contains: 'panic' },
      objects,
      logs: reads({ ok: false, reason: 'no-previous', message: 'previous terminated container "app" in pod "web" not found' }, { previous: true }),
      messageId: 'no-previous',
      data: { pod: 'web', container: 'app', reason: 'previous terminated container "app" in pod "web" not found' },
      says: { fr: 'le conteneur app du pod web n\'a pas d\'instance précédente : il n\'a pas redémarré', en: 'container app of pod web has no previous instance: it has not restarted' },
    },
    {
      name: 'a container that has not started',
      params: { pod: 'web', contains: 'Listening' },
      objects,
      logs: reads({ ok: false, reason: 'waiting', message: 'container "app" in pod "web" is waiting to start: trying and failing to pull image' }),
      messageId: 'waiting',
      data: { pod: 'web', container: 'app', reason: 'container "app" in pod "web" is waiting to start: trying and failing to pull image' },
    },
    {
      name: 'tp may not read logs',
      params: { pod: 'web', contains: 'Listening' },
      objects,
      logs: reads({ ok: false, reason: 'forbidden', message: 'forbidden: get pods/log in student' }),
      status: 'error',
      messageId: 'forbidden',
      data: { pod: 'web', container: 'app', reason: 'forbidden: get pods/log in student' },
      says: { fr: 'tp ne peut pas lire le journal du pod web (forbidden: get pods/log in student) : il faut le droit get sur pods/log', en: 'tp may not read the log of pod web (forbidden: get pods/log in student): it needs get on pods/log' },
    },
    {
      name: 'a simulated node: skipped, with the reason',
      params: { pod: 'web', contains: 'Listening' },
      objects,
      logs: reads({ ok: false, reason: 'simulated', message: 'pod web runs on a simulated (KWOK) node, whose containers write no log' }),
      status: 'skip',
      messageId: 'simulated',
      data: { pod: 'web', container: 'app', reason: 'pod web runs on a simulated (KWOK) node, whose containers write no log' },
    },
    {
      name: 'the kubelet cannot be reached',
      params: { pod: 'web', contains: 'Listening' },
      objects,
      logs: reads({ ok: false, reason: 'unavailable', message: 'the API server answered 502: dial tcp 10.0.0.3:10250: i/o timeout' }),
      status: 'error',
      messageId: 'unavailable',
      data: { pod: 'web', container: 'app', reason: 'the API server answered 502: dial tcp 10.0.0.3:10250: i/o timeout' },
    },
    { name: 'no such pod', params: { pod: 'db', contains: 'x' }, objects, messageId: 'missing', data: { pod: 'db' }, says: { fr: 'pod db introuvable', en: 'pod db not found' } },
    { name: 'no pod of the label', params: { selector: 'app=db', contains: 'x' }, objects, messageId: 'none-selected', data: { selector: 'app=db', namespace: NAMESPACE } },
    { name: 'no such container', params: { pod: 'web', container: 'db', contains: 'x' }, objects, messageId: 'no-container', data: { pod: 'web', container: 'db' } },
    {
      name: 'more pods than tp reads logs of',
      params: { selector: 'app=many', contains: 'x' },
      objects: { pods: Array.from({ length: 11 }, (_, i) => pod(`many-${i}`, { app: 'many' }, ['app'])) },
      status: 'error',
      messageId: 'too-many',
      data: { selector: 'app=many', count: 11, max: 10 },
    },
    { name: 'an invalid selector in the lab', params: { selector: 'app in (', contains: 'x' }, objects, status: 'error', messageId: 'bad-selector', data: { reason: 'missing ")" to close the list opened at column 8' } },
  ],
  refused: [
    { name: 'a text and a pattern', params: { pod: 'web', contains: 'a', matches: 'b' } },
    { name: 'neither a text nor a pattern', params: { pod: 'web' } },
    { name: 'a pod and a selector', params: { pod: 'web', selector: 'app=web', contains: 'a' } },
    { name: 'more than 1 MiB', params: { pod: 'web', contains: 'a', limitBytes: 2 * 1024 * 1024 } },
    { name: 'words for one language only', params: { pod: 'web', matches: 'a', as: { en: 'an a' } } },
  ],
});
