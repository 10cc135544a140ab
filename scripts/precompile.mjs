// Work the build does once so that tp need not do it at every start (issue 13):
//   - the labs shipped with tp (labs/*/lab.yaml) are loaded and validated, and their
//     Lab kept as JSON keyed by the SHA-256 of their text (src/cli/known-labs.ts), cut
//     where the lab names its own file;
//   - the JSON Schemas (lab, cohort, each check kind's params) become ajv standalone
//     code (src/lab/precompiled-validators.ts looks them up).
// It loads tp's own sources through a throw-away esbuild bundle, then gives an
// esbuild plugin that puts the results in place of the two empty modules.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = new URL('..', import.meta.url).pathname;

/** The same key src/lab/ajv.ts computes for a params schema. */
const schemaKey = (schema) => `params_${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16)}`;

/** tp's lab loader and check registry, from the sources, in a bundle of their own. */
const loadSources = async () => {
  const work = mkdtempSync(join(tmpdir(), 'tp-precompile-'));
  try {
    const file = join(work, 'sources.mjs');
    await build({
      stdin: {
        contents: "export { parseLab } from './src/lab/load.ts'; export { checkKinds } from './src/checks/index.ts'; export { PRECOMPILED_LAB_FILE } from './src/cli/precompiled.ts';",
        resolveDir: root,
        loader: 'ts',
      },
      outfile: file,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      banner: { js: "import { createRequire as __tpCreateRequire } from 'node:module'; const require = __tpCreateRequire(import.meta.url);" },
    });
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

const labsJson = ({ parseLab, checkKinds, PRECOMPILED_LAB_FILE }) => {
  const labs = {};
  for (const entry of readdirSync(join(root, 'labs'), { withFileTypes: true })) {
    const file = join(root, 'labs', entry.name, 'lab.yaml');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const { lab, problems } = parseLab(text, PRECOMPILED_LAB_FILE, checkKinds);
    if (!lab) throw new Error(`${file} is not a valid lab:\n${problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n')}`);
    labs[createHash('sha256').update(text).digest('hex')] = jsonAroundFile(JSON.stringify(lab), PRECOMPILED_LAB_FILE, file);
  }
  return labs;
};

/**
 * A lab's JSON cut where it names its own file (the placeholder): tp joins the parts with the
 * file's path as JSON text (src/cli/known-labs.ts), one JSON.parse without a reviver, which
 * costs several times the parse. The cut must be exactly the placeholder's places as a value.
 */
const jsonAroundFile = (json, placeholder, file) => {
  const parts = json.split(JSON.stringify(placeholder));
  let values = 0;
  JSON.parse(json, (_key, value) => {
    if (value === placeholder) values += 1;
    return value;
  });
  if (parts.length - 1 !== values) throw new Error(`${file}: its JSON names ${placeholder} elsewhere than as a value: cannot be precompiled`);
  return parts;
};

/** ajv's standalone code of every schema tp validates with, the same options as at run time. */
const validatorsCode = ({ checkKinds }) => {
  const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
  // src/lab/ajv.ts and src/grade/cohort-schema.ts use these options; keep them the same.
  const labAjv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, logger: false, code: { source: true, esm: true } });
  const exports = { lab: 'tp:lab' };
  labAjv.addSchema(readJson('schema/lab.schema.json'), 'tp:lab');
  for (const kind of Object.values(checkKinds)) {
    const key = schemaKey(kind.schema);
    if (exports[key]) continue;
    labAjv.addSchema(kind.schema, key);
    exports[key] = key;
  }
  const cohortAjv = new Ajv({ allErrors: true, verbose: true, logger: false, code: { source: true, esm: true } });
  cohortAjv.addSchema(readJson('schema/cohort.schema.json'), 'tp:cohort');
  // src/submission/schema.ts uses these options.
  const submissionAjv = new Ajv({ allErrors: false, logger: false, code: { source: true, esm: true } });
  submissionAjv.addSchema(readJson('schema/submission.schema.json'), 'tp:submission');
  // A module each: each standalone code declares the same constant names (validate10…).
  return {
    lab: standaloneCode(labAjv, exports),
    cohort: standaloneCode(cohortAjv, { cohort: 'tp:cohort' }),
    submission: standaloneCode(submissionAjv, { submission: 'tp:submission' }),
  };
};

/** An esbuild plugin that fills in src/cli/precompiled.ts and src/lab/precompiled-validators.ts. */
export const precompiledPlugin = async () => {
  const sources = await loadSources();
  const labs = labsJson(sources);
  const code = validatorsCode(sources);
  const modules = {
    'src/cli/precompiled.ts': `export const PRECOMPILED_LABS = ${JSON.stringify(labs)};\nexport const PRECOMPILED_LAB_FILE = ${JSON.stringify(sources.PRECOMPILED_LAB_FILE)};\n`,
    'src/lab/precompiled-validators.ts':
      "import * as labValidators from 'tp-precompiled:lab'; import * as cohortValidators from 'tp-precompiled:cohort'; import * as submissionValidators from 'tp-precompiled:submission';\n" +
      'export const PRECOMPILED_VALIDATORS = { ...labValidators, ...cohortValidators, ...submissionValidators };\n',
  };
  return {
    name: 'tp-precompiled',
    setup(builder) {
      builder.onLoad({ filter: /src[\\/](cli[\\/]precompiled|lab[\\/]precompiled-validators)\.ts$/ }, (args) => {
        const key = args.path.slice(root.length).split('\\').join('/');
        return modules[key] === undefined ? undefined : { contents: modules[key], loader: 'js', resolveDir: root };
      });
      builder.onResolve({ filter: /^tp-precompiled:/ }, (args) => ({ path: args.path.slice('tp-precompiled:'.length), namespace: 'tp-precompiled' }));
      builder.onLoad({ filter: /.*/, namespace: 'tp-precompiled' }, (args) => ({ contents: code[args.path], loader: 'js', resolveDir: root }));
    },
  };
};
