// docs/lab-format.md is the reference lab authors write from: every ```yaml
// example in it is a whole lab file that `tp lab lint` accepts, and every check
// kind of the registry has its section with an example that uses it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { formatProblem } from '../../src/core/errors.js';
import { lintPaths } from '../../src/lab/lint.js';

const DOC = readFileSync('docs/lab-format.md', 'utf8');
const examples = [...DOC.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
const root = mkdtempSync(join(tmpdir(), 'tp-lab-format-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('docs/lab-format.md', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it.each(examples.map((text, index) => [/^id: ([\w-]+)/m.exec(text)?.[1] ?? `example ${index + 1}`, index] as const))('the example %s lints without a problem', async (_id, index) => {
    const dir = join(root, `example-${index}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lab.yaml'), examples[index] ?? '');
    const problems = await lintPaths([join(dir, 'lab.yaml')], checkKinds);
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it.each(Object.keys(checkKinds))('documents the check kind %s, with an example', (kind) => {
    const section = DOC.split(/^### /m).find((part) => part.startsWith(`\`${kind}\``));
    expect(section, `a section "### \`${kind}\`"`).toBeDefined();
    const example = /```yaml\n([\s\S]*?)```/.exec(section ?? '')?.[1] ?? '';
    expect(example).toMatch(new RegExp(`^\\s+kind: ${kind}$`, 'm'));
  });
});
