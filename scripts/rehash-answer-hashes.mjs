#!/usr/bin/env node
// Makes every first-format answer hash (sha256:<salt>:<hex>) of the given lab
// files slow without knowing the answers: each becomes scrypt-sha256:…, the
// scrypt of its digest (src/core/answer-hash.ts). Edits the files in place,
// one string for another, so comments and layout stay.
//   node scripts/rehash-answer-hashes.mjs labs/*/lab.yaml
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'tp-rehash-'));
try {
  const outfile = join(work, 'answer-hash.mjs');
  await build({ entryPoints: [join(root, 'src/core/answer-hash.ts')], outfile, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  const { rehashSha256 } = await import(pathToFileURL(outfile).href);
  for (const file of process.argv.slice(2)) {
    const text = readFileSync(file, 'utf8');
    // A scrypt-sha256 string never matches: its cost holds commas, its salt is not 64 digits.
    const found = [...new Set(text.match(/sha256:[^:\s"',\]]+:[0-9a-f]{64}/g) ?? [])];
    let edited = text;
    for (const stored of found) {
      edited = edited.split(stored).join(await rehashSha256(stored));
    }
    if (edited !== text) writeFileSync(file, edited);
    process.stderr.write(`${file}: ${found.length} sha256 hash(es) re-hashed\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
