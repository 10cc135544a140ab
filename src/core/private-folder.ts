// A folder tp reads back what it wrote there (the single executable's labs, V8's
// code cache) is trusted only when it is the user's own: a folder, not a link,
// owned by the user, that no one else may write. Another local user who made
// `$TMPDIR/tp-<uid>` first would otherwise decide what the victim's tp reads.
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** True when `path` is a folder (not a link) of the user `uid`, not writable by its group or others. */
export const isPrivateFolder = (path: string, uid: number | undefined = process.getuid?.()): boolean => {
  let info;
  try {
    info = lstatSync(path);
  } catch {
    return false;
  }
  if (!info.isDirectory()) return false;
  // Windows has no uid: its per-user folders are kept apart by their ACLs.
  if (uid === undefined) return true;
  return info.uid === uid && (info.mode & 0o022) === 0;
};

/** `path` as a private folder: made (0700) when missing; false when it is someone else's, open to others, or cannot be made. */
export const ensurePrivateFolder = (path: string): boolean => {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  }
  return isPrivateFolder(path);
};
