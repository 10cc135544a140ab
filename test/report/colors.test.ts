import { describe, expect, it } from 'vitest';
import { colorEnabled, makePalette } from '../../src/report/colors.js';

describe('colorEnabled', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('colours a terminal, not a pipe or a file', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('never colours when NO_COLOR is set, even when forced', () => {
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(pipe, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('colours a pipe when FORCE_COLOR asks, and not when it says 0', () => {
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
  });
});

describe('makePalette', () => {
  it('paints with escape codes when enabled, whatever the test runner stdout is', () => {
    expect(makePalette(true).fail('no')).toBe('\u001b[31mno\u001b[39m');
  });

  it('returns the text untouched when disabled', () => {
    const palette = makePalette(false);
    expect(Object.values(palette).map((paint) => paint('x'))).toEqual(Object.values(palette).map(() => 'x'));
  });
});
