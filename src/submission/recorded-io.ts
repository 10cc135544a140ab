// Recording and replaying the I/O checks ask for beyond the snapshot. `tp submit`
// wraps each reader so that every question and its answer is kept; grading a
// submission gives the engine readers that answer the same question with the
// same answer, and say "not in the submission" to any other. A reader added to
// the check context (engine/check-target.ts's CheckReaders) is recorded with a
// recorder and replayed with a replayer here, and a list in RecordedIo.
import type { HttpAnswer, HttpProbe, HttpRequest } from '../cluster/http-types.js';
import type { LogAnswer, LogReader, LogRequest } from '../cluster/log-types.js';
import type { CheckReaders } from '../engine/check-target.js';
import { canonicalJson } from '../core/canonical-json.js';
import type { Recorded, RecordedHttpRequest, RecordedIo } from './types.js';

type Ask<Request, Answer> = (request: Request) => Promise<Answer>;

/** `ask`, keeping each request (as `kept` writes it) and its answer in `log`. */
export const recorder = <Request, Kept, Answer>(ask: Ask<Request, Answer>, log: Array<Recorded<Kept, Answer>>, kept: (request: Request) => Kept): Ask<Request, Answer> =>
  async (request) => {
    const answer = await ask(request);
    log.push({ request: kept(request), answer });
    return answer;
  };

/** Answers a request as it was answered when recorded (requests, as `kept` writes them, compared as canonical JSON), else `missing`. */
export const replayer = <Request, Kept, Answer>(log: ReadonlyArray<Recorded<Kept, Answer>>, kept: (request: Request) => Kept, missing: (request: Request) => Answer): Ask<Request, Answer> => {
  const answers = new Map(log.map((entry) => [canonicalJson(entry.request), entry.answer]));
  return async (request) => answers.get(canonicalJson(kept(request))) ?? missing(request);
};

/** The nodes of an HTTP request are the snapshot's: the file holds them once, there. */
const httpKept = ({ nodes: _nodes, ...request }: HttpRequest): RecordedHttpRequest => request;
const asIs = <T>(request: T): T => request;

/** What a check that asks what the student's tp never asked is told: it cannot be evaluated (an `error`). */
const notRecordedHttp = (): HttpAnswer => ({ reached: false, via: 'none', failure: { code: 'not-recorded' }, evaluable: false });

const notRecordedLog = (): LogAnswer => ({
  ok: false,
  reason: 'unavailable',
  message: 'not in the submission (it was made with another version of the lab, or the pod was not found then)',
});

export const recordReaders = (readers: CheckReaders, io: RecordedIo): CheckReaders => {
  const logs = (io.logs ??= []);
  return {
    http: { via: readers.http.via, get: recorder((request: HttpRequest) => readers.http.get(request), io.http, httpKept) },
    logs: { read: recorder((request: LogRequest) => readers.logs.read(request), logs, asIs) },
  };
};

export const replayReaders = (io: RecordedIo): CheckReaders => {
  const http: HttpProbe = { via: 'auto', get: replayer(io.http, httpKept, notRecordedHttp) };
  const logs: LogReader = { read: replayer(io.logs ?? [], asIs<LogRequest>, notRecordedLog) };
  return { http, logs };
};
