// Watches one file for saves. Editors often replace the file (write a temp
// file, rename it), so the directory is watched and events filtered by name.
import { watch, type FSWatcher } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';

export const watchFile = (file: string, onChange: () => void): { stop(): void } => {
  const directory = dirname(file);
  mkdirSync(directory, { recursive: true });
  const name = basename(file);
  const watcher: FSWatcher = watch(directory, (_event, changed) => {
    if (changed === null || changed.toString() === name) onChange();
  });
  return { stop: () => watcher.close() };
};
