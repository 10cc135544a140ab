// Fills in packaging/krew/tp.yaml for one release: the version (a tag, v-prefixed as
// krew wants), the repository URL, and the sha256 of each archive named in it,
// read from the folder of the release's archives. Prints the manifest on stdout.
//   node scripts/krew-manifest.mjs --version v0.1.0 --repository https://github.com/<owner>/tp --archives release/
// A placeholder without its archive, or one left unfilled, is an error: a manifest
// with a wrong checksum would fail every student's `kubectl krew install`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const template = new URL('../packaging/krew/tp.yaml', import.meta.url);
const { values } = parseArgs({
  options: { version: { type: 'string' }, repository: { type: 'string' }, archives: { type: 'string' }, template: { type: 'string' } },
});

const fail = (message) => {
  process.stderr.write(`krew-manifest: ${message}\n`);
  process.exit(2);
};

if (!values.version || !/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(values.version)) fail('--version vX.Y.Z is required (krew wants the v)');
if (!values.repository || !/^https:\/\/[^\s"]+$/.test(values.repository)) fail('--repository https://… is required');
if (!values.archives) fail('--archives <folder of the release archives> is required');

const sha256Of = (file) => {
  try {
    return createHash('sha256').update(readFileSync(join(values.archives, file))).digest('hex');
  } catch (error) {
    return fail(`${file}: ${error.code === 'ENOENT' ? 'no such archive in ' + values.archives : error.message}`);
  }
};

const filled = readFileSync(values.template ?? template, 'utf8')
  .replaceAll('{{version}}', values.version)
  .replaceAll('{{repository}}', values.repository.replace(/\/+$/, ''))
  .replace(/\{\{sha256 ([\w.-]+)\}\}/g, (_, file) => sha256Of(file));
const left = /\{\{[^}]*\}\}/.exec(filled);
if (left) fail(`${left[0]} is not a placeholder this script knows`);
process.stdout.write(filled);
