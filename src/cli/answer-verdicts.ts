// The verdicts of hashed answers, kept from one `tp check` to the next. A hashed
// answer costs a scrypt (about 35 ms of a core, on purpose: core/answer-hash.ts)
// at every run, for an answer the student has most often not touched since the
// last one: its verdict is kept in the user's private cache folder instead.
// What is kept, for each (stored hash, answer) met: the SHA-256 of the pair and
// whether they match. The answer is the student's own, written in clear in their
// answers file; the folder is theirs alone (the same trust as V8's code cache,
// which is code tp runs), so a fast hash of it there tells nobody anything new.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { VerdictMemory } from '../core/answer-hash.js';
import { ensurePrivateFolder } from '../core/private-folder.js';
import { userCacheDir } from '../core/user-cache-dir.js';
import { readRegularFile } from '../cluster/read-regular-file.js';

/** The newest verdicts kept: a class's labs have tens of hashed answers, a student tries a few spellings. */
export const MAX_KEPT_VERDICTS = 512;

/** The file of MAX_KEPT_VERDICTS entries is about 40 KB: a bigger one is not tp's, and is not read. */
const MAX_FILE_BYTES = 128 * 1024;

const FILE_NAME = 'answer-verdicts.json';

export interface KeptVerdicts extends VerdictMemory {
  /** Writes the verdicts met by this run, if any is new; never throws. */
  save(): void;
}

const NOTHING_KEPT: KeptVerdicts = { recall: () => undefined, remember: () => undefined, save: () => undefined };

const ENTRY_KEY = /^[0-9a-f]{64}$/;

const read = (file: string): Map<string, boolean> => {
  const entries = new Map<string, boolean>();
  try {
    const parsed: unknown = JSON.parse(readRegularFile(file, MAX_FILE_BYTES).toString('utf8'));
    const kept = (parsed as { verdicts?: unknown } | null)?.verdicts;
    if (Array.isArray(kept)) {
      for (const entry of kept.slice(-MAX_KEPT_VERDICTS)) {
        if (Array.isArray(entry) && typeof entry[0] === 'string' && ENTRY_KEY.test(entry[0]) && typeof entry[1] === 'boolean') entries.set(entry[0], entry[1]);
      }
    }
  } catch {
    // None yet, or not one tp wrote: every answer is derived again, as on a first run.
  }
  return entries;
};

const digest = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * The verdicts kept in the user's cache folder (`TP_CACHE=off`, or a folder that is not the
 * user's alone: none kept, every hashed answer derived at every run).
 */
export const keptVerdicts = (env: NodeJS.ProcessEnv, home: string): KeptVerdicts => {
  if (env.TP_CACHE === 'off') return NOTHING_KEPT;
  // The folder is looked at and the file read when a hashed answer is first met: a lab without
  // one costs no I/O at all.
  let kept: { file: string; entries: Map<string, boolean> } | null | undefined;
  const open = () => {
    if (kept !== undefined) return kept;
    const folder = userCacheDir(env, process.platform, home);
    // The cache folder and its parent (~/.cache) are made when missing, never the home itself.
    if (!existsSync(dirname(dirname(folder))) || !ensurePrivateFolder(folder)) return (kept = null);
    const file = join(folder, FILE_NAME);
    return (kept = { file, entries: read(file) });
  };
  let changed = false;
  return {
    recall: (id) => open()?.entries.get(digest(id)),
    remember(id, verdict) {
      const entries = open()?.entries;
      const key = digest(id);
      if (entries === undefined || entries.get(key) === verdict) return;
      // Re-inserted last: the oldest verdicts are the first dropped.
      entries.delete(key);
      entries.set(key, verdict);
      changed = true;
    },
    save() {
      if (!changed || !kept) return;
      const verdicts = [...kept.entries].slice(-MAX_KEPT_VERDICTS);
      const staging = `${kept.file}.tmp-${randomUUID()}`;
      try {
        writeFileSync(staging, JSON.stringify({ verdicts }), { mode: 0o600, flag: 'wx' });
        // Renamed whole: a tp started at the same moment reads the old file or the new, never half.
        renameSync(staging, kept.file);
      } catch {
        // A read-only cache folder: the next run derives again, nothing else changes.
        rmSync(staging, { force: true });
      }
    },
  };
};
