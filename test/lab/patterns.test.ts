// A lab's `$regex` runs on strings students control: lint refuses any pattern
// that cannot run in linear time, at the line and column where it is written.
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { problemsOf } from './problems-of.js';
import { labWith } from './sample-lab.js';

// The sample lab declares Answer1; this check does not read it, which lint says too.
const UNREAD = '4:10 Answer1 is declared but no check reads it';

const imageCheck = (pattern: string): string => `      - id: image
        kind: resource
        points: 1
        title: {fr: a, en: a}
        params:
          resource: deployments
          name: web
          expect: {spec: {template: {spec: {containers: [{image: {$regex: '${pattern}'}}]}}}}
`;

describe('$regex in a lab file', () => {
  test('an RE2 pattern is accepted', () => {
    expect(problemsOf(labWith(imageCheck(':v0\\.2(@sha256:[0-9a-f]+)?$')), checkKinds)).toEqual([UNREAD]);
  });

  test('a backreference is refused where it is written', () => {
    expect(problemsOf(labWith(imageCheck('^(a+)\\1$')), checkKinds)).toEqual([
      UNREAD,
      expect.stringMatching(/^17:75 \$regex of check "image" is not a linear-time \(RE2\) pattern: .*invalid escape sequence.*\(no backreferences nor lookaround\)$/),
    ]);
  });

  test('a lookahead is refused', () => {
    expect(problemsOf(labWith(imageCheck('^(?=v)v1$')), checkKinds)).toEqual([
      UNREAD,
      expect.stringMatching(/^17:75 \$regex of check "image" is not a linear-time \(RE2\) pattern: .*Perl syntax/),
    ]);
  });
});
