// `--hint <level>` of tp check: a whole number from 1, as the report counts hint
// levels ("Hint 2/3"). Apart from hint-session.ts so the command table stays light.
import { TpError } from '../core/errors.js';

export const parseHintLevel = (value: string): number => {
  if (!/^\d{1,3}$/.test(value.trim()) || Number(value) < 1) {
    throw new TpError('USAGE', `--hint ${value.slice(0, 16)}: expected a hint level, a whole number from 1`, 'e.g. --hint 2 shows the second hint of every failing check');
  }
  return Number(value);
};
