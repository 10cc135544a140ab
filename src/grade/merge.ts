// `tp grade merge`: the gradebooks of the shards of one cohort, put back
// together in the cohort file's order. A missing shard leaves the result
// incomplete (and says which); a shard of another lab or cohort is refused.
import { TpError } from '../core/errors.js';
import { summarize } from './summary.js';
import type { Gradebook, LabOutline } from './types.js';

export interface MergeResult {
  gradebook: Gradebook;
  warnings: string[];
}

const columnsOf = (outline: LabOutline): string =>
  outline.exercises.map((e) => `${e.id}(${e.checks.map((c) => c.id).join(',')})`).join(';');

const checkSameCohort = (parts: readonly Gradebook[], sources: readonly string[]): void => {
  const first = parts[0] as Gradebook;
  parts.forEach((part, i) => {
    if (part.outline.id !== first.outline.id || columnsOf(part.outline) !== columnsOf(first.outline)) {
      throw new TpError('USAGE', `${sources[i]} grades lab ${part.outline.id} with other checks than ${sources[0]} (${first.outline.id}): they are not shards of one run`);
    }
    if ((part.shard?.count ?? 1) !== (first.shard?.count ?? 1) || part.cohortSize !== first.cohortSize) {
      throw new TpError('USAGE', `${sources[i]} is not a shard of the same cohort as ${sources[0]} (shard count or cohort size differ)`);
    }
  });
};

const checkNoOverlap = (parts: readonly Gradebook[], sources: readonly string[]): void => {
  const owner = new Map<string, number>();
  parts.forEach((part, i) => {
    for (const { student } of part.students) {
      const earlier = owner.get(student.id);
      if (earlier !== undefined) throw new TpError('USAGE', `student "${student.id}" is in both ${sources[earlier]} and ${sources[i]}: give each shard once`);
      owner.set(student.id, i);
    }
  });
};

export const mergeGradebooks = (parts: readonly Gradebook[], sources: readonly string[], generatedAt: string): MergeResult => {
  if (parts.length === 0) throw new TpError('USAGE', 'tp grade merge: give the output directories (or grades.json files) of the shards');
  checkSameCohort(parts, sources);
  checkNoOverlap(parts, sources);
  const first = parts[0] as Gradebook;
  const count = first.shard?.count ?? 1;
  const present = parts.map((part) => part.shard?.index ?? 1).sort((a, b) => a - b);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !present.includes(index));
  const warnings = missing.length === 0 ? [] : [`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing: the merged gradebook is incomplete`];
  const students = parts.flatMap((part) => part.students).sort((a, b) => a.student.index - b.student.index);
  const incompleteParts = parts.filter((part) => !part.complete).length;
  if (incompleteParts > 0) warnings.push(`${incompleteParts} shard(s) were interrupted: the merged gradebook is incomplete`);
  return {
    warnings,
    gradebook: {
      outline: first.outline,
      lang: first.lang,
      complete: missing.length === 0 && incompleteParts === 0,
      generatedAt,
      cohortSize: first.cohortSize,
      mergedShards: present,
      students,
      summary: summarize(first.outline, students),
      run: {
        apiRequests: parts.reduce((sum, part) => sum + part.run.apiRequests, 0),
        clusters: parts.reduce((sum, part) => sum + part.run.clusters, 0),
        // Shards run side by side: the merged run took as long as the slowest.
        durationMs: Math.max(...parts.map((part) => part.run.durationMs)),
      },
    },
  };
};
