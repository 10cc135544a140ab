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

// `tp list | head -1`: the reader went away. Nothing is left to say to it, and a
// shell expects what a program killed by SIGPIPE returns (128 + 13), not a stack trace.
const EXIT_ON_BROKEN_PIPE = 141;

const endQuietlyOnBrokenPipe = (stream: NodeJS.WriteStream): NodeJS.WriteStream => {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT_ON_BROKEN_PIPE);
      throw error;
    });
  }
  return stream;
};

export const processIo = (): CliIo => ({
  stdout: endQuietlyOnBrokenPipe(process.stdout),
  stderr: endQuietlyOnBrokenPipe(process.stderr),
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
