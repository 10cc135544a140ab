// The class's history on disk: appended as changes come, read back by the
// next run (which carries on appending), a line cut by a crash repaired, a
// file of another lab refused, a long file read from its end only.
import { appendFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { HISTORY_FILE, openHistory } from '../../src/classroom/history-log.js';
import type { HistoryRecord } from '../../src/classroom/types.js';

const START = new Date('2026-12-04T09:00:00Z');
const record = (minute: number, after: 'pass' | 'fail' = 'pass'): HistoryRecord => ({
  t: new Date(START.getTime() + minute * 60_000).toISOString(),
  student: 'alice',
  check: 'cm1-labels',
  before: after === 'pass' ? 'fail' : 'pass',
  after,
});
const noError = (error: Error) => {
  throw error;
};
const lines = (dir: string) => readFileSync(join(dir, HISTORY_FILE), 'utf8').split('\n').filter(Boolean);

it('starts a file with its header, appends records, and a second run reads them back and carries on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-history-'));
  const first = await openHistory(dir, 'tp4', START, noError);
  expect(first.records).toEqual([]);
  first.append([record(1), record(2, 'fail')]);
  await first.close();
  const second = await openHistory(dir, 'tp4', new Date(START.getTime() + 3_600_000), noError);
  expect(second.header).toEqual({ format: 'tp-live-history/1', lab: 'tp4', started: START.toISOString() });
  expect(second.records).toEqual([record(1), record(2, 'fail')]);
  second.append([record(3)]);
  await second.close();
  expect(lines(dir)).toHaveLength(4);
});

it('cuts off a line a crash left half-written, and skips lines that are not records', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-history-'));
  const first = await openHistory(dir, 'tp4', START, noError);
  first.append([record(1)]);
  await first.close();
  appendFileSync(join(dir, HISTORY_FILE), '{"t":"not a time","student":"x"}\n{"t":"2026-12-04T09:05:00.000Z","student":"al');
  const second = await openHistory(dir, 'tp4', START, noError);
  expect(second.records).toEqual([record(1)]);
  expect(second.skipped).toBe(1);
  second.append([record(6)]);
  await second.close();
  expect(lines(dir).slice(-2).map((line) => JSON.parse(line) as unknown)).toEqual([{ t: 'not a time', student: 'x' }, record(6)]);
});

it("refuses the history of another lab, a file that is not a history, and a link", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-history-'));
  await (await openHistory(dir, 'tp4', START, noError)).close();
  await expect(openHistory(dir, 'pods', START, noError)).rejects.toThrow(/history of lab "tp4", not "pods"/);
  const other = mkdtempSync(join(tmpdir(), 'tp-history-'));
  writeFileSync(join(other, HISTORY_FILE), 'hello\n');
  await expect(openHistory(other, 'tp4', START, noError)).rejects.toThrow(/is not the history of a live class/);
  const linked = mkdtempSync(join(tmpdir(), 'tp-history-'));
  symlinkSync(join(dir, HISTORY_FILE), join(linked, HISTORY_FILE));
  await expect(openHistory(linked, 'tp4', START, noError)).rejects.toThrow(/symbolic link/);
});

it('reads a file longer than the bound from its end only, header kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-history-'));
  const first = await openHistory(dir, 'tp4', START, noError);
  first.append(Array.from({ length: 200 }, (_, i) => record(i)));
  await first.close();
  const bound = 2000;
  const second = await openHistory(dir, 'tp4', START, noError, bound);
  expect(second.partial).toBe(true);
  expect(second.header.lab).toBe('tp4');
  expect(second.records.length).toBeGreaterThan(5);
  expect(second.records.length).toBeLessThan(200);
  expect(second.records.at(-1)).toEqual(record(199));
  expect(second.skipped).toBe(0);
  await second.close();
});
