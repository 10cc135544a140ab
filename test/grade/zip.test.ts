// Moodle's "download all submissions" zip, read as it comes and as a hostile
// file: what a student put in it never leaves the bounds tp sets.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openZip } from '../../src/grade/zip.js';
import { makeZip, type ZipInput, type ZipOptions } from '../support/zip-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-zip-'));
let n = 0;
const zipFile = (inputs: ZipInput[], options?: ZipOptions): string => {
  n += 1;
  const file = join(dir, `${n}.zip`);
  writeFileSync(file, makeZip(inputs, options));
  return file;
};

const readAll = async (file: string, maxEntryBytes = 1024 * 1024) => {
  const zip = await openZip(file, { maxEntryBytes, maxEntries: 100, maxFileBytes: 64 * 1024 * 1024 });
  try {
    const contents = await Promise.all(zip.entries.map(async (entry) => [entry.name, (await zip.read(entry)).toString()]));
    return { contents, skipped: zip.skipped };
  } finally {
    await zip.close();
  }
};

describe('the zip reader', () => {
  it('reads stored and deflated entries, streamed with data descriptors, in ZIP64 too', async () => {
    const inputs = [
      { name: 'Alice Martin_12_assignsubmission_file_/submission_tp4.json.gz', data: 'alice', deflate: true },
      { name: 'Élodie Dupré_13_assignsubmission_file_/submission_tp4.json.gz', data: 'élodie' },
    ];
    for (const options of [{}, { dataDescriptors: true }, { zip64: true, dataDescriptors: true }]) {
      expect((await readAll(zipFile(inputs, options))).contents).toEqual([
        ['Alice Martin_12_assignsubmission_file_/submission_tp4.json.gz', 'alice'],
        ['Élodie Dupré_13_assignsubmission_file_/submission_tp4.json.gz', 'élodie'],
      ]);
    }
  });

  it('never reads an entry that climbs out, a link, or one larger than the bound', async () => {
    const { contents, skipped } = await readAll(zipFile([
      { name: '../../etc/x.json.gz', data: 'x' },
      { name: '/abs.json.gz', data: 'x' },
      { name: 'a\\..\\..\\win.json.gz', data: 'x' },
      { name: 'C:/drive.json.gz', data: 'x' },
      { name: 'Bob_14_assignsubmission_file_/link.json.gz', data: '/etc/passwd', mode: 0o120777 },
      { name: 'Carol_15_assignsubmission_file_/big.json.gz', data: 'y'.repeat(2000) },
      { name: 'ok.json.gz', data: 'ok' },
    ]), 1000);
    expect(contents).toEqual([['ok.json.gz', 'ok']]);
    expect(skipped).toEqual([
      { name: '../../etc/x.json.gz', reason: 'a path that climbs out of the folder (..)' },
      { name: '/abs.json.gz', reason: 'an absolute path' },
      { name: 'a\\..\\..\\win.json.gz', reason: 'a path that climbs out of the folder (..)' },
      { name: 'C:/drive.json.gz', reason: 'an absolute path' },
      { name: 'Bob_14_assignsubmission_file_/link.json.gz', reason: 'a symbolic link' },
      { name: 'Carol_15_assignsubmission_file_/big.json.gz', reason: '2000 bytes, more than the 1000 tp reads of an entry' },
    ]);
  });

  it('stops inflating a bomb at its declared size, and refuses it', async () => {
    const bomb = zipFile([{ name: 'bomb.json.gz', data: Buffer.alloc(8 * 1024 * 1024), deflate: true, declaredSize: 1000 }]);
    const zip = await openZip(bomb, { maxEntryBytes: 4096, maxEntries: 10, maxFileBytes: 64 * 1024 * 1024 });
    await expect(zip.read(zip.entries[0]!)).rejects.toThrow('bomb.json.gz does not inflate to its 1000 bytes');
    await zip.close();
  });

  it('refuses a file that is not a zip, and one with too many entries', async () => {
    const notZip = join(dir, 'not.zip');
    writeFileSync(notZip, 'PK but not really');
    await expect(openZip(notZip)).rejects.toThrow('not a zip file tp can read (no end of central directory)');
    const many = zipFile(Array.from({ length: 150 }, (_, i) => ({ name: `${i}.json.gz`, data: 'x' })));
    await expect(readAll(many)).rejects.toThrow('150 entries, more than the 100 tp reads');
  });
});
