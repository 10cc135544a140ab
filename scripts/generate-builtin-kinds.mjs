#!/usr/bin/env node
// Writes src/discovery/builtin-kinds.generated.ts: the kinds Kubernetes itself
// serves in the versions tp supports, read from the discovery documents that
// the k8s.io/kubernetes Go module holds (api/discovery/: the core group's
// APIResourceList, api__v1.json, and every other group's aggregated
// discovery, aggregated_v2.json). Those documents are recorded with every API
// version enabled, alpha and beta included: the table keeps each version
// with the Kubernetes releases that have it, and src/discovery/builtin.ts
// decides which ones resolve with no request (GA versions served by all).
//
//   node scripts/generate-builtin-kinds.mjs           # writes the table
//   node scripts/generate-builtin-kinds.mjs --check   # exit 1 when the committed table differs
//
// The modules are downloaded when missing (`go mod download`, GOMODCACHE
// defaults to .cache/go/mod as the local cluster's build has it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The releases tp supports, each at the patch release read (the newest when this was written). */
export const KUBERNETES_MODULES = ['v1.33.13', 'v1.34.4', 'v1.35.4', 'v1.36.3'];

const root = new URL('..', import.meta.url).pathname;
export const OUTPUT = join(root, 'src/discovery/builtin-kinds.generated.ts');
const modCache = () => process.env.GOMODCACHE || join(root, '.cache/go/mod');

const minorOf = (moduleVersion) => moduleVersion.replace(/^v(\d+\.\d+)\..*$/, '$1');

/** The api/discovery folder of one k8s.io/kubernetes module, downloaded if needed. */
const discoveryDir = (moduleVersion) => {
  const dir = join(modCache(), `k8s.io/kubernetes@${moduleVersion}`, 'api/discovery');
  if (existsSync(dir)) return dir;
  const work = mkdtempSync(join(tmpdir(), 'tp-kinds-'));
  try {
    writeFileSync(join(work, 'go.mod'), 'module tp.local/kinds\n\ngo 1.26\n');
    execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${moduleVersion}`], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, GOMODCACHE: modCache(), GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!existsSync(dir)) throw new Error(`k8s.io/kubernetes@${moduleVersion} has no api/discovery folder`);
  return dir;
};

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** One release's resources as [{ group, versions: [{ version, resources: [...] }] }], in discovery's priority order. */
const groupsOf = (dir) => {
  const core = readJson(join(dir, 'api__v1.json'));
  const coreResources = core.resources
    .filter((r) => !r.name.includes('/'))
    .map((r) => ({ resource: r.name, kind: r.kind, singular: r.singularName || r.kind.toLowerCase(), shortNames: r.shortNames ?? [], namespaced: r.namespaced, verbs: r.verbs ?? [] }));
  const aggregated = readJson(join(dir, 'aggregated_v2.json'));
  if (aggregated.kind !== 'APIGroupDiscoveryList') throw new Error(`${dir}/aggregated_v2.json is not an APIGroupDiscoveryList`);
  const groups = aggregated.items.map((item) => ({
    group: item.metadata.name ?? '',
    versions: item.versions.map((v) => ({
      version: v.version,
      resources: (v.resources ?? []).map((r) => ({
        resource: r.resource,
        kind: r.responseKind.kind,
        singular: r.singularResource || r.responseKind.kind.toLowerCase(),
        shortNames: r.shortNames ?? [],
        namespaced: r.scope === 'Namespaced',
        verbs: r.verbs ?? [],
      })),
    })),
  }));
  return [{ group: '', versions: [{ version: core.groupVersion, resources: coreResources }] }, ...groups];
};

/** In the order of `first`, then what only `rest` has, in their order. */
const union = (lists) => [...new Set(lists.flat())];

/** The table: one entry per group and resource, with each version serving it and the releases that do. */
export const buildTable = (releases) => {
  // The newest release's order comes first: it is what a current kubectl would see.
  const newestFirst = [...releases].reverse();
  const groupOrder = union(newestFirst.map((r) => r.groups.map((g) => g.group)));
  const entries = [];
  for (const group of groupOrder) {
    const inGroup = newestFirst.map((r) => ({ minor: r.minor, group: r.groups.find((g) => g.group === group) })).filter((r) => r.group);
    const versionOrder = union(inGroup.map((r) => r.group.versions.map((v) => v.version)));
    const resourceOrder = union(inGroup.flatMap((r) => r.group.versions.map((v) => v.resources.map((x) => x.resource))));
    for (const resource of resourceOrder) {
      let facts;
      const versions = [];
      for (const version of versionOrder) {
        const minors = [];
        for (const { minor, group: g } of [...inGroup].reverse()) {
          const found = g.versions.find((v) => v.version === version)?.resources.find((x) => x.resource === resource);
          if (found) minors.push(minor);
        }
        if (minors.length > 0) versions.push([version, minors]);
      }
      // The facts of the newest release, at its most preferred version serving the resource.
      for (const { group: g } of inGroup) {
        for (const version of versionOrder) {
          facts ??= g.versions.find((v) => v.version === version)?.resources.find((x) => x.resource === resource);
        }
      }
      entries.push({ group, ...facts, versions });
    }
  }
  return entries;
};

const q = (text) => `'${text}'`;
const list = (items) => `[${items.map(q).join(', ')}]`;

const render = (entries, releases) => {
  const lines = entries.map(
    (e) =>
      `  { group: ${q(e.group)}, resource: ${q(e.resource)}, kind: ${q(e.kind)}, singular: ${q(e.singular)}, shortNames: ${list(e.shortNames)}, namespaced: ${e.namespaced}, verbs: ${list(e.verbs)}, versions: [${e.versions.map(([v, m]) => `[${q(v)}, ${list(m)}]`).join(', ')}] },`,
  );
  return [
    '// GENERATED by scripts/generate-builtin-kinds.mjs from the discovery documents of',
    `// k8s.io/kubernetes ${releases.map((r) => r.module).join(', ')} (api/discovery/). Do not edit:`,
    '// run `node scripts/generate-builtin-kinds.mjs` (test/discovery/builtin-table.test.ts compares).',
    "import type { BuiltinKind } from './types.js';",
    '',
    '/** The Kubernetes releases this table was read from. */',
    `export const BUILTIN_RELEASES: readonly string[] = ${list(releases.map((r) => r.minor))};`,
    '',
    '/** Every resource of Kubernetes itself, in discovery\'s priority order (core first). */',
    'export const BUILTIN_KINDS: readonly BuiltinKind[] = [',
    ...lines,
    '];',
    '',
  ].join('\n');
};

export const generate = () => {
  const releases = KUBERNETES_MODULES.map((module) => ({ module, minor: minorOf(module), groups: groupsOf(discoveryDir(module)) }));
  return render(buildTable(releases), releases);
};

const main = () => {
  const text = generate();
  if (process.argv.includes('--check')) {
    const committed = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
    if (committed !== text) {
      console.error(`${OUTPUT} differs from what scripts/generate-builtin-kinds.mjs generates: run it and commit the result`);
      process.exitCode = 1;
      return;
    }
    console.error('builtin kinds: up to date');
    return;
  }
  writeFileSync(OUTPUT, text);
  console.error(`wrote ${OUTPUT}`);
};

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) main();
