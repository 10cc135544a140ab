// `--timeout` as kubectl's `--request-timeout` takes it: a plain number is
// seconds, else a Go duration (`500ms`, `5s`, `1m`, `1m30s`, `1.5h`). kubectl's
// spelling, `--request-timeout`, is an alias. tp always bounds its requests, so 0
// ("no timeout" to kubectl) is refused.
import { Option, type Command } from 'commander';
import { TpError } from '../core/errors.js';

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
// µ escaped: the bundle stays ASCII (src/answers/grammar.ts says why).
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00B5s|ms|s|m|h)/y;

/** Seconds, from `5`, `2.5`, `500ms`, `1m30s`; undefined when the text is neither. */
export const durationSeconds = (text: string): number | undefined => {
  const value = text.trim();
  if (/^(\d+(\.\d*)?|\.\d+)$/.test(value)) return Number(value);
  if (value === '' || value.length > 64) return undefined;
  let seconds = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < value.length) {
    const start = PART.lastIndex;
    const match = PART.exec(value);
    if (!match || match.index !== start) return undefined;
    seconds += Number(match[1]) * (UNIT_SECONDS[match[2] as string] as number);
  }
  return seconds;
};

/** A commander parser for a duration option named `flag`. */
export const parseDuration = (flag: string) => (value: string): number => {
  const seconds = durationSeconds(value);
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
    throw new TpError('USAGE', `${flag} ${value.slice(0, 64)}: expected a duration > 0, in seconds (5) or with a unit (500ms, 5s, 1m, 1m30s)`);
  }
  return seconds;
};

/** `--timeout <duration>` and its kubectl alias `--request-timeout`, into the `timeout` option (seconds). */
export const addTimeoutOption = (command: Command, description: string, defaultSeconds: number): Command =>
  command
    .option('--timeout <duration>', `${description} (seconds, or 500ms, 5s, 1m)`, parseDuration('--timeout'), defaultSeconds)
    .addOption(new Option('--request-timeout <duration>', 'the same as --timeout, as kubectl spells it').argParser(parseDuration('--request-timeout')))
    .hook('preAction', (self) => {
      const alias = self.getOptionValue('requestTimeout') as number | undefined;
      if (alias !== undefined) self.setOptionValue('timeout', alias);
    });
