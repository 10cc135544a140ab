// A kind name resolved as kubectl resolves it (client-go's restmapper: the
// shortcut expander over a priority mapper), on a catalogue in priority order:
//   1. `resource.version.group` (two dots or more), then `resource[.group]`:
//      a short name is expanded first unless the word is already a plural or
//      singular (`cm` → configmaps; in the group when one is given, else the
//      first group that has it; a group given may be a prefix, `hpa.autoscal`);
//      then plural or singular, case-insensitive (`Deployment`, `PODS`);
//   2. then `Kind.version.group`, `Kind[.group]`.
// The first entry of the catalogue that matches wins: the core group before the
// others, so `events` is core v1 events, not events.k8s.io. An empty group
// (`pods.v1.`) is any group, as in kubectl.
import type { KindCatalogue, Resolution, ResolvedKind, ServedKind } from './types.js';

interface Reading {
  word: string;
  /** Absent or empty: any group. */
  group?: string;
  version?: string;
}

const readingsOf = (name: string): Reading[] => {
  const [word = '', ...rest] = name.split('.');
  const readings: Reading[] = [];
  if (rest.length >= 2) readings.push({ word, version: rest[0] as string, group: rest.slice(1).join('.') });
  readings.push(rest.length > 0 ? { word, group: rest.join('.') } : { word });
  return readings;
};

const inGroup = (entry: ServedKind, reading: Reading): boolean => !reading.group || entry.group === reading.group;
const atVersion = (entry: ServedKind, reading: Reading): boolean => !reading.version || entry.version === reading.version;

/** The shortcut expander: a short name becomes its plural and group, unless the word is a full name already. */
const expand = (reading: Reading, catalogue: KindCatalogue): Reading => {
  const isFullName = catalogue.some((e) => inGroup(e, reading) && (e.resource === reading.word || e.singular === reading.word));
  if (isFullName) return reading;
  const short = catalogue.find((e) => inGroup(e, reading) && e.shortNames.includes(reading.word))
    ?? (reading.group ? catalogue.find((e) => e.group.startsWith(reading.group ?? '') && e.shortNames.includes(reading.word)) : undefined);
  return short ? { ...reading, word: short.resource, group: short.group } : reading;
};

const byResource = (reading: Reading, catalogue: KindCatalogue): ServedKind | undefined => {
  const expanded = expand(reading, catalogue);
  const word = expanded.word.toLowerCase();
  return catalogue.find((e) => inGroup(e, expanded) && atVersion(e, expanded) && (e.resource === word || e.singular === word));
};

const byKind = (reading: Reading, catalogue: KindCatalogue): ServedKind | undefined =>
  catalogue.find((e) => inGroup(e, reading) && atVersion(e, reading) && (e.kind === reading.word || e.kind.toLowerCase() === reading.word));

/** The entry a name means in this catalogue, or undefined. */
export const findKind = (name: string, catalogue: KindCatalogue): ServedKind | undefined => {
  const readings = readingsOf(name);
  for (const reading of readings) {
    const found = byResource(reading, catalogue);
    if (found) return found;
  }
  for (const reading of readings) {
    const found = byKind(reading, catalogue);
    if (found) return found;
  }
  return undefined;
};

/** `configmaps`, `deployments.apps`; with the version when it is not the one read by default. */
export const kindKey = (kind: ServedKind, catalogue: KindCatalogue): string => {
  const preferred = catalogue.find((e) => e.group === kind.group && e.resource === kind.resource);
  const groupResource = kind.group === '' ? kind.resource : `${kind.resource}.${kind.group}`;
  return preferred && preferred.version !== kind.version ? `${kind.resource}.${kind.version}.${kind.group}` : groupResource;
};

/** What a name means in this catalogue, and whether tp can read it (by LIST). */
export const resolveIn = (name: string, catalogue: KindCatalogue): Resolution => {
  const found = findKind(name, catalogue);
  if (!found) return { ok: false, why: 'not-served' };
  if (!found.verbs.includes('list')) return { ok: false, why: 'not-listable', kind: found.kind };
  const kind: ResolvedKind = { ...found, key: kindKey(found, catalogue) };
  return { ok: true, kind };
};
