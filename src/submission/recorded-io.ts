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
import type { Recorded, RecordedIo } from './types.js';

type Ask<Request, Answer> = (request: Request) => Promise<Answer>;

/** `ask`, keeping each request and its answer in `log`. */
export const recorder = <Request, Answer>(ask: Ask<Request, Answer>, log: Array<Recorded<Request, Answer>>): Ask<Request, Answer> =>
  async (request) => {
    const answer = await ask(request);
    log.push({ request, answer });
    return answer;
  };

/** Answers a request as it was answered when recorded (requests compared as canonical JSON), else `missing`. */
export const replayer = <Request, Answer>(log: ReadonlyArray<Recorded<Request, Answer>>, missing: (request: Request) => Answer): Ask<Request, Answer> => {
  const answers = new Map(log.map((entry) => [canonicalJson(entry.request), entry.answer]));
  return async (request) => answers.get(canonicalJson(request)) ?? missing(request);
};

/** What a check that asks what the student's tp never asked is told: it cannot be evaluated (an `error`). */
const notRecordedHttp = (): HttpAnswer => ({
  reached: false,
  via: 'none',
  reason: 'not in the submission (it was made with another version of the lab, or the Service was not found then)',
  evaluable: false,
});

const notRecordedLog = (): LogAnswer => ({
  ok: false,
  reason: 'unavailable',
  message: 'not in the submission (it was made with another version of the lab, or the pod was not found then)',
});

export const recordReaders = (readers: CheckReaders, io: RecordedIo): CheckReaders => {
  const logs = (io.logs ??= []);
  return {
    http: { via: readers.http.via, get: recorder((request: HttpRequest) => readers.http.get(request), io.http) },
    logs: { read: recorder((request: LogRequest) => readers.logs.read(request), logs) },
  };
};

export const replayReaders = (io: RecordedIo): CheckReaders => {
  const http: HttpProbe = { via: 'auto', get: replayer(io.http, notRecordedHttp) };
  const logs: LogReader = { read: replayer(io.logs ?? [], notRecordedLog) };
  return { http, logs };
};
