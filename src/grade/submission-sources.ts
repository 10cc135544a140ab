// Where tp grade --submissions finds submission files: a folder (each student's
// file, or a folder per student) or a zip file — Moodle's "download all
// submissions" as it comes: a folder `Full Name_<participant id>_assignsubmission_file_`
// per student (older Moodles: files named `Full Name_<id>_assignsubmission_file_<file>`).
// Each source says who it seems to be from: a name, a participant id, a label.
// Folders are walked bounded (depth, count), never through a link.
import { lstat, readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { TpError } from '../core/errors.js';
import { openZip } from './zip.js';
import { readSubmissionBytes } from '../submission/file.js';

export interface SubmissionSource {
  /** Where it is, for messages: `alice/submission_tp4.json.gz`, `grades.zip:Alice Martin_12_…/submission_tp4.json.gz`. */
  where: string;
  /** What names the student: the folder (or file) name, without Moodle's suffix. */
  label: string;
  /** Moodle's participant id, from its folder name. */
  participant?: string;
  read(): Promise<Buffer>;
}

export interface SourceListing {
  sources: SubmissionSource[];
  /** Files that are not submissions tp reads, and why (only those that look like submissions are said). */
  skipped: Array<{ where: string; reason: string }>;
  close(): Promise<void>;
}

const MAX_DEPTH = 3;
const MAX_FILES = 20_000;

/** `Alice Martin_1234_assignsubmission_file_` (or the old flat `…_file_submission_tp4.json.gz`). */
const MOODLE = /^(.*)_(\d+)_assign(?:submission|feedback)_[a-z]+_(.*)$/;

const isSubmissionFile = (name: string): boolean => /\.json(\.gz)?$/i.test(name);

/** Who a path inside the folder or zip seems to be from: the first segment, Moodle's way or not. */
export const labelOf = (path: string): { label: string; participant?: string } => {
  const segments = path.replace(/\\/g, '/').split('/').filter(Boolean);
  const first = segments.length > 1 ? (segments[0] as string) : (segments[0] ?? '').replace(/\.json(\.gz)?$/i, '');
  const moodle = MOODLE.exec(first);
  if (moodle) return { label: (moodle[1] as string).trim(), participant: moodle[2] as string };
  return { label: first };
};

const fromFolder = async (root: string): Promise<SourceListing> => {
  const sources: SubmissionSource[] = [];
  const skipped: SourceListing['skipped'] = [];
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      seen += 1;
      if (seen > MAX_FILES) throw new TpError('USAGE', `${root}: more than ${MAX_FILES} files: is this the folder of the submissions?`);
      const path = join(dir, name);
      const info = await lstat(path);
      const where = relative(root, path);
      if (info.isSymbolicLink()) {
        if (isSubmissionFile(name)) skipped.push({ where, reason: 'a symbolic link: tp does not follow it' });
      } else if (info.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(path, depth + 1);
      } else if (info.isFile() && isSubmissionFile(name)) {
        sources.push({ where, ...labelOf(where), read: () => readSubmissionBytes(path, { noFollow: true }) });
      }
    }
  };
  await walk(root, 1);
  return { sources, skipped, close: async () => undefined };
};

const fromZip = async (file: string): Promise<SourceListing> => {
  const zip = await openZip(file);
  const name = basename(file);
  return {
    sources: zip.entries.filter((entry) => isSubmissionFile(entry.name)).map((entry) => ({ where: `${name}:${entry.name}`, ...labelOf(entry.name), read: () => zip.read(entry) })),
    skipped: zip.skipped.map((entry) => ({ where: `${name}:${entry.name}`, reason: entry.reason })),
    close: () => zip.close(),
  };
};

export const listSubmissions = async (path: string): Promise<SourceListing> => {
  const info = await lstat(path).catch(() => undefined);
  if (info === undefined) throw new TpError('USAGE', `--submissions ${path}: no such file or folder`);
  if (info.isDirectory()) return fromFolder(path);
  if (info.isFile()) return fromZip(path);
  throw new TpError('USAGE', `--submissions ${path}: neither a folder nor a zip file`);
};
