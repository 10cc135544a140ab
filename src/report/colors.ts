// The one colour module: nothing else imports kleur or writes escape codes, so
// reports stay plain data and colour is decided once, per output stream.
import kleur from 'kleur';

export type Paint = (text: string) => string;

export interface Palette {
  pass: Paint;
  fail: Paint;
  error: Paint;
  skip: Paint;
  manual: Paint;
  warning: Paint;
  dim: Paint;
  bold: Paint;
}

// kleur decides once, from process.stdout, whether it colours; we decide per
// stream, so it is switched on only for the call and put back at once.
const paint =
  (style: (text: string) => string): Paint =>
  (text) => {
    const before = kleur.enabled;
    kleur.enabled = true;
    try {
      return style(text);
    } finally {
      kleur.enabled = before;
    }
  };

const plain: Paint = (text) => text;

export const makePalette = (enabled: boolean): Palette =>
  enabled
    ? {
        pass: paint((text) => kleur.green(text)),
        fail: paint((text) => kleur.red(text)),
        error: paint((text) => kleur.yellow(text)),
        skip: paint((text) => kleur.gray(text)),
        manual: paint((text) => kleur.cyan(text)),
        warning: paint((text) => kleur.yellow(text)),
        dim: paint((text) => kleur.dim(text)),
        bold: paint((text) => kleur.bold(text)),
      }
    : { pass: plain, fail: plain, error: plain, skip: plain, manual: plain, warning: plain, dim: plain, bold: plain };

/**
 * Colour only on a terminal (and not a dumb one); `NO_COLOR` (non-empty) always
 * wins, as no-color.org asks; `FORCE_COLOR` forces it on (or off with 0/false) for CI logs.
 */
export const colorEnabled = (
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean => {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && env['TERM'] !== 'dumb';
};
