// Test helper: a lab text's problems as `line:col message`, the part of `file:line:col message` tests care about.
import type { KindSource } from '../../src/lab/kinds.js';
import { parseLab } from '../../src/lab/load.js';
import { fakeKinds } from './fake-kinds.js';

export const problemsOf = (text: string, kinds: KindSource = fakeKinds): string[] =>
  parseLab(text, 'lab.yaml', kinds).problems.map((p) => `${p.line}:${p.col} ${p.message}`);
