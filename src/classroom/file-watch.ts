// The students' answers files (and hint states) on disk, watched for saves:
// one watcher per folder (editors replace a file by renaming a new one over
// it, so folders are watched and names filtered), whatever the number of
// students in it. A folder that cannot be watched (absent yet, out of inotify
// watches) is polled instead. Nothing is ever created: a student's folder is
// theirs.
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WatchedFile {
  path: string;
  onChange(): void;
}

export interface FileWatch {
  stop(): void;
}

const POLL_MS = 2000;

const signatureOf = async (path: string): Promise<string> =>
  stat(path).then(
    (stats) => `${stats.ino}:${stats.size}:${stats.mtimeMs}`,
    () => 'absent',
  );

export const watchFiles = (files: readonly WatchedFile[], pollMs = POLL_MS): FileWatch => {
  const folders = new Map<string, Map<string, Array<() => void>>>();
  for (const file of files) {
    const folder = folders.get(dirname(file.path)) ?? new Map<string, Array<() => void>>();
    const name = basename(file.path);
    folder.set(name, [...(folder.get(name) ?? []), file.onChange]);
    folders.set(dirname(file.path), folder);
  }
  const watchers: FSWatcher[] = [];
  const polled: Array<{ path: string; calls: Array<() => void>; signature?: string }> = [];
  const poll = (folder: string, names: Map<string, Array<() => void>>) => {
    for (const [name, calls] of names) polled.push({ path: join(folder, name), calls });
  };

  for (const [folder, names] of folders) {
    try {
      const watcher = watch(folder, (_event, changed) => {
        const calls = changed === null ? [...names.values()].flat() : (names.get(changed.toString()) ?? []);
        for (const call of calls) call();
      });
      watcher.on('error', () => {
        // The folder went away (or the watch broke): polled from now on.
        watcher.close();
        poll(folder, names);
      });
      watchers.push(watcher);
    } catch {
      poll(folder, names);
    }
  }

  let polling = false;
  const timer = setInterval(() => {
    if (polling || polled.length === 0) return;
    polling = true;
    void Promise.all(
      polled.map(async (file) => {
        const signature = await signatureOf(file.path);
        if (file.signature !== undefined && file.signature !== signature) for (const call of file.calls) call();
        file.signature = signature;
      }),
    ).finally(() => {
      polling = false;
    });
  }, pollMs);
  timer.unref();

  return {
    stop() {
      clearInterval(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
};
