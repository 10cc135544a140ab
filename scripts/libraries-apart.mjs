// The large libraries tp's bundle keeps apart (scripts/bundle.mjs for the npm package,
// scripts/build-exe.mjs for the single executable): each is one CommonJS file of its
// own, required by the bundle as `./<name>.cjs` on the first use of one of its exports,
// so a command that does not use it never reads or compiles it.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

// The module tp imports → the file that holds it. client-node is megabytes of
// generated code (watches, `tp lab test`); re2js runs only the `$regex` of a lab; ajv
// compiles schemas only for a lab file or cohort file the build did not see; the YAML
// parser reads such files, and a kubeconfig only when src/cluster/kubeconfig-plain.ts cannot.
export const LIBRARIES = {
  '@kubernetes/client-node': 'client-node.cjs',
  '@kubernetes/client-node/dist/exec_auth.js': 'exec-auth.cjs',
  re2js: 're2js.cjs',
  ajv: 'ajv.cjs',
  yaml: 'yaml.cjs',
};

// Node's own modules that only a rare path uses: commander requires child_process at its
// top for subcommands run as executables, which tp has none of.
const LAZY_BUILTINS = ['node:child_process'];

/** Each library as one CommonJS file in `outDir`, built with esbuild's `options`; returns the names each exports. */
export const buildLibraries = async (outDir, options) => {
  const exportsOf = {};
  for (const [name, file] of Object.entries(LIBRARIES)) {
    const outfile = resolve(outDir, file);
    await build({ ...options, stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: '.', loader: 'js' }, outfile, format: 'cjs' });
    exportsOf[name] = Object.keys(createRequire(import.meta.url)(outfile)).filter((key) => key !== 'default' && key !== '__esModule');
  }
  return exportsOf;
};

// In the bundle a library is a small CommonJS module whose exports are getters that require
// its file on first read: whoever imports it (even at the top of a module that is
// always evaluated, as core/pattern.ts) pays nothing until a value is used.
export const librariesApart = (exportsOf) => ({
  name: 'libraries-apart',
  setup(builder) {
    const names = Object.keys(LIBRARIES).map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    builder.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'library-apart' }));
    // The stub's own require of the built-in is Node's (undefined: esbuild's default, external).
    builder.onResolve({ filter: new RegExp(`^(${LAZY_BUILTINS.join('|')})$`) }, (args) =>
      args.namespace === 'library-apart' ? undefined : { path: args.path, namespace: 'library-apart' },
    );
    builder.onLoad({ filter: /.*/, namespace: 'library-apart' }, (args) => {
      const builtin = LAZY_BUILTINS.includes(args.path);
      const required = builtin ? args.path : `./${LIBRARIES[args.path]}`;
      const keys = builtin ? Object.keys(createRequire(import.meta.url)(args.path)) : exportsOf[args.path];
      return {
        contents: [
          `let loaded; const load = () => (loaded ??= require(${JSON.stringify(required)}));`,
          ...keys.map((key) => `Object.defineProperty(exports, ${JSON.stringify(key)}, { enumerable: true, get: () => load()[${JSON.stringify(key)}] });`),
        ].join('\n'),
        loader: 'js',
      };
    });
    builder.onResolve({ filter: /^\.\/[\w-]+\.cjs$/, namespace: 'library-apart' }, (args) => ({ path: args.path, external: true }));
  },
});
