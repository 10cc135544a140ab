// What a command may touch of the outside world, passed in (STYLE habit 9):
// streams, environment, working directory, home and clock.
import { homedir } from 'node:os';
import { detectLang } from '../i18n/index.js';
import { TpError } from '../core/errors.js';
import { type Lang, isLang } from '../core/text.js';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homeDir: string;
  now: () => Date;
}

export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  homeDir: homedir(),
  now: () => new Date(),
});

export const chooseLang = (option: string | undefined, io: CliIo): Lang => {
  if (option === undefined) return detectLang(io.env);
  if (!isLang(option)) throw new TpError('USAGE', `--lang ${option}: expected fr or en`);
  return option;
};
