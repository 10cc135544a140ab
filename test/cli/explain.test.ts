// tp explain on the course labs: each exercise's text comes with its checks, so a
// student reads which steps are asked as answers because they leave no trace.
import { describe, expect, it } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { explainLab } from '../../src/cli/commands/explain.js';
import { loadLabFile } from '../../src/lab/load.js';

describe('tp explain pods', () => {
  it('prints the exercise text under its title, in the language asked', async () => {
    const lab = await loadLabFile('labs/pods/lab.yaml', checkKinds);
    const text = explainLab(lab, 'en', 'lifecycle');
    const lines = text.split('\n');
    expect(lines[2]).toBe("[lifecycle] A pod's lifecycle (section 2)");
    expect(lines[3]).toMatch(/^ {2}Write nginx-pod\.yaml .* asked as Answer1\.$/);
    expect(explainLab(lab, 'fr', 'lifecycle')).toContain('sa sortie est demandée en Answer1');
  });
});
