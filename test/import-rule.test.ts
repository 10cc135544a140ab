// The one rule of the house (scripts/import-rule.mjs): a room imports only the
// rooms below it, only cluster/ imports client-node, no import cycle. It holds
// on src/, and it fails when someone adds a back-edge.
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

const importRule = async (...args: string[]): Promise<{ code: number; stderr: string }> => {
  try {
    const { stderr } = await run(process.execPath, ['scripts/import-rule.mjs', ...args]);
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
};

// The script loads TypeScript's parser: seconds of CPU, more on a loaded machine.
const SLOW = { timeout: 120_000 };

describe('the import rule', () => {
  const copy = mkdtempSync(join(tmpdir(), 'tp-import-rule-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('holds on src/', SLOW, async () => {
    const { code, stderr } = await importRule();
    expect(stderr).toBe('import rule: OK\n');
    expect(code).toBe(0);
  });

  it('fails on a back-edge, a check reading cluster code, client-node outside cluster/, and a cycle', SLOW, async () => {
    cpSync('src', join(copy, 'src'), { recursive: true });
    const add = (file: string, line: string) => appendFileSync(join(copy, 'src', file), `${line}\n`);
    // The vocabulary at the bottom reaching up for a report type.
    add('core/text.ts', "import type { Report } from '../engine/types.js';");
    // A check calling the API instead of reading the Snapshot.
    add('checks/rollout.ts', "import { listKind } from '../cluster/list-kind.js';");
    add('engine/evaluate.ts', "import { KubeConfig } from '@kubernetes/client-node';");
    // Two files of one room importing each other.
    add('lab/raw.ts', "import { buildLab } from './build.js';");
    const { code, stderr } = await importRule('--src', join(copy, 'src'));
    expect(code).toBe(1);
    expect(stderr).toContain('src/core/text.ts imports src/engine/types.ts: core/ may not import engine/');
    expect(stderr).toContain('src/checks/rollout.ts imports src/cluster/list-kind.ts: checks/ may import only types from cluster/');
    expect(stderr).toContain('src/engine/evaluate.ts imports @kubernetes/client-node: only src/cluster/ talks to Kubernetes');
    expect(stderr).toContain('import cycle between files: src/lab/build.ts, src/lab/raw.ts');
    // The back-edge closes a loop too: engine/types.ts imports core/text.ts.
    expect(stderr).toContain('import cycle between files: src/core/text.ts, src/engine/types.ts');
    expect(stderr).toContain('import rule: 5 problem(s)');
  });
});

// Test folders that are not rooms: the live-cluster tiers, the helpers they share,
// and the tests of scripts/ (release and build tools, not part of src/).
const NOT_ROOMS = new Set(['live', 'kind', 'support', 'scripts']);

describe('test/ mirrors src/', () => {
  it('has a folder per room of src/ and no other, besides the live tiers and support/', () => {
    const folders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders('test').filter((name) => !NOT_ROOMS.has(name))).toEqual(folders('src'));
  });
});
