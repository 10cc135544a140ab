// Reads a container's log for a `logs` check: one GET of pods/{pod}/log
// through the bounded API client (tp's --timeout, limitBytes asked of the
// API server and enforced again here), its failures said in the user's
// terms: no `get pods/log`, no previous instance, not started yet, a
// simulated node. Credentials written in the log are redacted as it is read.
import type { ApiClient } from './api-client.js';
import { nodePath, podLogPath } from './api-paths.js';
import { redactCredentialsIn } from './redact-credentials.js';
import type { LogAnswer, LogReader, LogRequest } from './log-types.js';

/** The most a lab may ask to read of one log. */
export const MAX_LOG_BYTES = 1024 * 1024;

const SIMULATED_ANNOTATION = 'kwok.x-k8s.io/node';

const KUBELET_LOST_LOG = /^unable to retrieve container logs for \S+\s*$/;

const apiMessage = (body: string): string => {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // Not a Status: the body's first words say enough.
  }
  return body.slice(0, 200).trim();
};

// The API server's words (pkg/kubelet and pkg/registry/core/pod) for what a 400 means.
const badRequest = (message: string): LogAnswer => {
  if (/previous terminated container .* not found/.test(message)) return { ok: false, reason: 'no-previous', message };
  if (/is waiting to start|ContainerCreating|PodInitializing/.test(message)) return { ok: false, reason: 'waiting', message };
  if (/is not valid for pod|not found/.test(message)) return { ok: false, reason: 'gone', message };
  return { ok: false, reason: 'unavailable', message };
};

/** When the API server could not have the log from the node: is that node simulated (KWOK)? */
const onSimulatedNode = async (client: ApiClient, node: string | undefined): Promise<boolean> => {
  if (node === undefined || node === '') return false;
  try {
    const found = await client.getJson<{ metadata?: { annotations?: Record<string, string> } }>(nodePath(node));
    return found?.metadata?.annotations?.[SIMULATED_ANNOTATION] === 'fake';
  } catch {
    // Not allowed to read nodes: the failure is said as it came.
    return false;
  }
};

const readLog = async (client: ApiClient, request: LogRequest, timeoutMs: number, signal?: AbortSignal): Promise<LogAnswer> => {
  const limitBytes = Math.max(1, Math.min(request.limitBytes, MAX_LOG_BYTES));
  const path = podLogPath(request.namespace, request.pod, { ...request, limitBytes });
  let answer;
  try {
    answer = await client.getRaw(path, timeoutMs, signal, limitBytes);
  } catch (error) {
    return { ok: false, reason: 'unavailable', message: (error as Error).message };
  }
  const where = `${request.namespace}/${request.pod}`;
  if (answer.status === 403) {
    return { ok: false, reason: 'forbidden', message: `forbidden: get pods/log in ${request.namespace} (${apiMessage(answer.body)})` };
  }
  if (answer.status === 404) return { ok: false, reason: 'gone', message: `pod ${where} not found` };
  if (answer.status === 400) return badRequest(apiMessage(answer.body));
  if (answer.status >= 500 && (await onSimulatedNode(client, request.node))) {
    return { ok: false, reason: 'simulated', message: `pod ${request.pod} runs on a simulated (KWOK) node, whose containers write no log` };
  }
  if (answer.status < 200 || answer.status >= 300) {
    return { ok: false, reason: 'unavailable', message: `the API server answered ${answer.status}: ${apiMessage(answer.body)}` };
  }
  // The kubelet answers 200 with this line alone when the container's log file is gone (a container removed).
  if (KUBELET_LOST_LOG.test(answer.body)) return { ok: false, reason: 'unavailable', message: `the kubelet no longer has that log (${answer.body.trim()})` };
  const truncated = answer.truncated === true || Buffer.byteLength(answer.body) >= limitBytes;
  return { ok: true, text: redactCredentialsIn(answer.body), truncated };
};

/** `signal` abandons the reads of a student whose grading was given up. */
export const makeLogReader = (client: ApiClient, timeoutMs: number, signal?: AbortSignal): LogReader => ({
  read: (request) => readLog(client, request, timeoutMs, signal),
});
