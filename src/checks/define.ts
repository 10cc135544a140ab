// The one factory every check kind is made with. A kind is data (its schema and
// messages) plus a pure `evaluate`; the engine fills in the words.
import type { Snapshot } from '../cluster/types.js';
import type { AnswerValue } from '../answers/types.js';
import type { HttpProbe } from '../cluster/http-types.js';
import type { LogReader } from '../cluster/log-types.js';
import type { Text, TextData } from '../core/text.js';
import type { CheckStatus } from '../core/check-status.js';
import type { KubeconfigFacts } from '../core/kubeconfig-facts.js';
import type { ParamsProblem } from '../core/located-problem.js';
import type { SecretComparison } from '../cluster/secret-values.js';

export interface Outcome<MessageId extends string> {
  status: CheckStatus;
  messageId: MessageId;
  /** Values of the message's `{name}` placeholders. */
  data?: TextData;
  /** Placeholders whose value depends on the language (a field or an expectation in the course's words). */
  words?: Readonly<Record<string, Text>>;
  /** The exact path, pattern and value found, for tools (the JSON report), never in the message. */
  details?: TextData;
}

/** What a check can read. Everything is already fetched: evaluate never calls the API. */
export interface CheckContext {
  snapshot: Snapshot;
  facts: KubeconfigFacts;
  /** The student's answers, by key (`Answer1`…); absent when the key is missing. */
  answers: ReadonlyMap<string, AnswerValue>;
  /** Lab variables after `--set` (e.g. the registry host). */
  variables: Readonly<Record<string, string>>;
  /** Reaches an app over HTTP (service proxy or node port). With `logs`, the only I/O a check may ask for. */
  http: HttpProbe;
  /** Reads a container's log, bounded; only `logs` checks ask. */
  logs: LogReader;
}

export interface CheckKind<Params, MessageId extends string> {
  kind: string;
  /** JSON Schema of `params`, compiled once by ajv when labs are loaded. */
  schema: Record<string, unknown>;
  messages: Record<MessageId, Text>;
  /**
   * The kinds this check reads, named as kubectl accepts them (`configmaps`, `deploy`, `Role`,
   * `crontabs.stable.example.com`…): the snapshot lists those and no others, and the check reads
   * them back by the same names (`objectsOf(snapshot, name)`).
   */
  // Method syntax on purpose: it lets the registry hold kinds of different Params.
  needs(params: Params): string[];
  /**
   * Kinds read only to say why a check failed (`events`): listed with the others, but a
   * failed read of them (forbidden…) leaves the check graded, with less said, and a change
   * of them alone does not re-check a watch.
   */
  explainedBy?(params: Params): string[];
  /**
   * Secret values this check compares: the snapshot compares them as it reads the Secrets and
   * keeps only whether each was equal (a Secret's value is never kept). Optional.
   */
  secretValues?(params: Params): Array<{ secret: string; key: string } & SecretComparison>;
  /** Answer keys this check reads (for lint: every answer is checked once). */
  answers?(params: Params): string[];
  /** What `tp lab lint` says of params the schema accepts: a selector or a pattern that cannot run. */
  lint?(params: Params): ParamsProblem[];
  evaluate(params: Params, context: CheckContext): Outcome<MessageId> | Promise<Outcome<MessageId>>;
  /**
   * Starts slow work that depends on the answers alone (a hashed answer's scrypt) while the
   * snapshot is being taken, so that `evaluate` finds it under way or done. Optional.
   */
  prepare?(params: Params, answers: ReadonlyMap<string, AnswerValue>): void;
}

/** Any registered kind, as the engine and the loader see it. */
export type AnyCheckKind = CheckKind<unknown, string>;

export const defineCheck = <Params, MessageId extends string>(
  kind: CheckKind<Params, MessageId>,
): CheckKind<Params, MessageId> => kind;
