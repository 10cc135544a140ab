// What the build worked out once so that tp need not at every start: the labs
// shipped with tp, loaded and validated (JSON of their Lab, keyed by the SHA-256
// of their text, in parts around the places of the lab's own file path: known-labs.ts
// joins them with it). scripts/precompile.mjs fills this module in when it bundles;
// from the sources (tests, tsc) it is empty and every lab is loaded the slow way.
export const PRECOMPILED_LABS: Readonly<Record<string, readonly string[]>> = {};

/** The placeholder the build wrote where the lab's file path goes. */
export const PRECOMPILED_LAB_FILE = '/tp-precompiled/lab.yaml';
