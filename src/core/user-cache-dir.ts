// Where tp keeps what it can make again (the executable's unpacked labs, V8's code
// cache of the bundle): the user's cache folder of the system, with tp's own in it.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `~/.cache/tp` on Linux (or `$XDG_CACHE_HOME/tp`), the platform's cache folder elsewhere. */
export const userCacheDir = (env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string => {
  const userCache =
    platform === 'win32'
      ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : (env.XDG_CACHE_HOME ?? join(home, '.cache'));
  return join(userCache, 'tp');
};
