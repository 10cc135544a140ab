// The Lab model: what a lab file says once it is loaded and validated.
// Everything downstream (engine, reports, lint, lab test) reads these types.
import { scoredPoints } from '../core/check-status.js';
import type { FactsOverride } from '../core/kubeconfig-facts.js';
import type { Text } from '../core/text.js';
import type { Recipe } from '../core/made-with-recipe.js';

/** Where something was written in a lab file, for `file:line:col` messages. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

export interface AnswerSpec {
  /** The key in the answers file, e.g. `Answer4`. */
  key: string;
  question: Text;
}

export interface CheckSpec {
  /** Unique within the lab, e.g. `answer1-context-count`. */
  id: string;
  /** A kind from the check registry: resource, answer, selector, rollout, endpoints, http, manual. */
  kind: string;
  points: number;
  title: Text;
  /** The first hint (the only one of a lab that gives `hint`). */
  hint?: Text;
  /**
   * Every level of hint, from a nudge to the command (`hints:` in the lab, or
   * `[hint]`): `tp check` shows the next level each time the check fails again.
   */
  hints?: Text[];
  /** Parameters of the kind, validated against the kind's own schema. */
  params: Record<string, unknown>;
  position: SourcePosition;
}

export interface Exercise {
  id: string;
  title: Text;
  /** The course section this exercise comes from, shown to students. */
  section?: string;
  description?: Text;
  checks: CheckSpec[];
  /**
   * Exercises whose work this one builds on (e.g. scaling needs the Deployment):
   * when one of them is undone, this exercise is not judged in that scenario.
   */
  requires?: string[];
  /** How `tp lab test` undoes this exercise on the reference solution, when it cannot be derived. */
  undo?: SolutionChange;
  position: SourcePosition;
}

/** A change to the reference solution: which steps to keep, what to delete, patch, add, and which answers to replace. */
export interface SolutionChange {
  description?: string;
  /**
   * Solution files (steps) to apply, by file name; the others are left out, as
   * by a student who stopped early (no rollback done). Default: every step.
   */
  steps?: string[];
  /** Answers to replace in the reference answers. */
  answers?: Record<string, string>;
  /** Objects of the solution to leave out of every step, as `Kind/name`. */
  delete?: string[];
  /** Strategic-merge-style patches (deep merge) applied to the last version of solution objects, by `Kind/name`. */
  patch?: Array<{ target: string; merge: Record<string, unknown> }>;
  /** Extra manifests to apply with the last step. */
  apply?: Record<string, unknown>[];
}

/** How an object is made (`apply`, `create`), then which commands change it (`label`, `scale`). */
export type MadeWithRecipe = Recipe;

/** A change to the reference solution that must make exactly `fails` fail (`tp lab test`). */
export interface Mutation extends SolutionChange {
  id: string;
  /** Checks that this mutation must fail. */
  fails: string[];
  /** Checks it also fails when it makes a pod fail to pull its image (a private registry; not KWOK, not preloaded images); else they must pass. */
  failsWhenPullFails?: string[];
  /**
   * Objects to write another way than the solution does (by default `kubectl apply -f`,
   * or the recipe of the manifest's `tp.lab-test/made-with` annotation), by `Kind/name`:
   * `create` records them as `kubectl create` would; `[create, label]` then sets their
   * labels as `kubectl label` does, `[apply, scale]` their replicas as `kubectl scale` does.
   */
  madeWith?: Record<string, MadeWithRecipe>;
  /** Kubeconfig facts to use instead of the real ones (for `contexts` checks). */
  facts?: FactsOverride;
  position: SourcePosition;
}

export interface LabVariable {
  name: string;
  default: string;
  description: Text;
}

export interface Lab {
  id: string;
  title: Text;
  description?: Text;
  /** Absolute path of the lab file; its directory holds solution/ and app/. */
  file: string;
  variables: LabVariable[];
  answers: AnswerSpec[];
  exercises: Exercise[];
  mutations: Mutation[];
}

export const maxScore = (lab: Pick<Lab, 'exercises'>): number =>
  lab.exercises.reduce((sum, ex) => sum + ex.checks.reduce((s, c) => s + scoredPoints(c), 0), 0);
