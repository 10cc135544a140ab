// A mismatch in the words of the course, for the student: "the image of the
// container kubernetes-app", "an image tagged v0.2" — never the path syntax
// (`spec.template.spec.containers[name=…].image`) nor a regular expression,
// which stay in the report's `details` for tools.
import { isPlainObject } from '../../core/json-shape.js';
import type { Text } from '../../core/text.js';
import type { Mismatch, Wanted } from './field-match.js';
import { LISTED_MAX, listed } from '../message.js';

const both = (text: string): Text => ({ fr: text, en: text });

/**
 * A value as a student would type it, in both languages: strings bare, flat maps as `key=value`
 * labels (a few, then how many more: a student's object may carry thousands).
 */
const plain = (value: unknown): Text => {
  if (value === undefined) return both('');
  if (typeof value === 'string') return both(`"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`);
  if (isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number')) {
    // Only the entries shown are made into text: the rest are counted.
    const entries = Object.entries(value);
    const shown = entries.slice(0, LISTED_MAX).map(([k, v]) => `${k}=${String(v)}`);
    return listed(shown, { empty: '', total: entries.length });
  }
  // JSON.stringify walks the whole value: only a bounded head of it is looked at.
  const text = JSON.stringify(boundedCopy(value)) ?? String(value);
  return both(text.length > 60 ? `${text.slice(0, 57)}…` : text);
};

/** At most a few items of each array and object, a few levels deep: enough for 60 characters of JSON. */
const boundedCopy = (value: unknown, depth = 0): unknown => {
  if (Array.isArray(value)) return depth > 3 ? [] : value.slice(0, LISTED_MAX).map((item) => boundedCopy(item, depth + 1));
  if (isPlainObject(value)) return depth > 3 ? {} : Object.fromEntries(Object.entries(value).slice(0, LISTED_MAX).map(([k, v]) => [k, boundedCopy(v, depth + 1)]));
  return value;
};

/** `prefix` and `suffix` in each language around a value's words. */
const around = (value: Text, fr: string, en: string, after: Text = both('')): Text => ({ fr: `${fr}${value.fr}${after.fr}`, en: `${en}${value.en}${after.en}` });

/** The things a path goes through that have a name a student gave them: the item itself, and "of" it. */
const NAMED: Record<string, { item: Text; of: Text }> = {
  containers: { item: { fr: 'le conteneur', en: 'the container' }, of: { fr: 'du conteneur', en: 'of the container' } },
  initContainers: { item: { fr: 'le conteneur d\'initialisation', en: 'the init container' }, of: { fr: 'du conteneur d\'initialisation', en: 'of the init container' } },
  volumes: { item: { fr: 'le volume', en: 'the volume' }, of: { fr: 'du volume', en: 'of the volume' } },
  volumeMounts: { item: { fr: 'le montage', en: 'the mount' }, of: { fr: 'du montage', en: 'of the mount' } },
  ports: { item: { fr: 'le port', en: 'the port' }, of: { fr: 'du port', en: 'of the port' } },
  env: { item: { fr: 'la variable', en: 'the variable' }, of: { fr: 'de la variable', en: 'of the variable' } },
  imagePullSecrets: { item: { fr: 'le secret de pull', en: 'the pull secret' }, of: { fr: 'du secret de pull', en: 'of the pull secret' } },
};

/** Fields with a name in the course. */
const FIELDS: Record<string, Text> = {
  image: { fr: 'l\'image', en: 'the image' },
  replicas: { fr: 'le nombre de réplicas', en: 'the number of replicas' },
  containerPort: { fr: 'le port du conteneur', en: 'the container port' },
  nodePort: { fr: 'le nodePort', en: 'the nodePort' },
  targetPort: { fr: 'le port cible (targetPort)', en: 'the target port (targetPort)' },
  port: { fr: 'le port', en: 'the port' },
  type: { fr: 'le type', en: 'the type' },
  mountPath: { fr: 'le chemin de montage', en: 'the mount path' },
  name: { fr: 'le nom', en: 'the name' },
  value: { fr: 'la valeur', en: 'the value' },
  selector: { fr: 'le sélecteur', en: 'the selector' },
  command: { fr: 'la commande', en: 'the command' },
  phase: { fr: 'l\'état (phase)', en: 'the state (phase)' },
  readyReplicas: { fr: 'le nombre de réplicas prêts', en: 'the number of ready replicas' },
};

const SEGMENT = /^([^[\]]*)(?:\[(?:(?:name|type)=([^\]]*)|\*)\])?$/;

/** `spec.template.spec.containers[name=web].image` → "the image of the container web". */
export const describeField = (path: string): Text => {
  for (const [prefix, fr, en] of [['metadata.labels.', 'le label', 'the label'], ['metadata.annotations.', 'l\'annotation', 'the annotation'], ['data.', 'la clé', 'the key']] as const) {
    if (path.startsWith(prefix)) return { fr: `${fr} ${path.slice(prefix.length)}`, en: `${en} ${path.slice(prefix.length)}` };
  }
  if (path === 'metadata.labels') return { fr: 'les labels', en: 'the labels' };
  const segments = path.split('.').filter((s) => s !== '').map((s) => SEGMENT.exec(s) ?? [s, s, undefined]);
  const leaf = segments.at(-1)?.[1] ?? path;
  const leafName = segments.at(-1)?.[2];
  // The nearest named thing the field belongs to: "… of the container web".
  const owner = segments.slice(0, -1).filter((s) => s[2] !== undefined && (s[1] ?? '') in NAMED).at(-1);
  const ofOwner = (lang: 'fr' | 'en') => (owner ? ` ${(NAMED[owner[1] ?? ''] as { of: Text }).of[lang]} ${owner[2]}` : '');
  const item = NAMED[leaf];
  if (leafName !== undefined && item) return { fr: `${item.item.fr} ${leafName}${ofOwner('fr')}`, en: `${item.item.en} ${leafName}${ofOwner('en')}` };
  const field = FIELDS[leaf] ?? { fr: `le champ ${leaf}`, en: `the field ${leaf}` };
  return { fr: `${field.fr}${ofOwner('fr')}`, en: `${field.en}${ofOwner('en')}` };
};

/** The options of `$oneOf`, as written in the lab (a handful). */
const options = (values: unknown): Text => {
  if (!Array.isArray(values)) return plain(values);
  const each = values.map(plain);
  return { fr: each.map((text) => text.fr).join(' | '), en: each.map((text) => text.en).join(' | ') };
};

/** What was wanted: the lab's `$as` words when it gave them, else words made from the operator. */
export const describeWanted = (wanted: Wanted): Text => {
  if (wanted.as) return wanted.as;
  const { argument } = wanted;
  switch (wanted.test) {
    case 'equal': return isPlainObject(argument) || Array.isArray(argument) ? { fr: 'comme dans l\'énoncé', en: 'as the lab text says' } : plain(argument);
    case 'object': return { fr: 'un ensemble de champs', en: 'a set of fields' };
    case 'list': return { fr: 'une liste', en: 'a list' };
    case '$regex': return { fr: 'de la forme demandée (voir l\'indice)', en: 'of the form asked for (see the hint)' };
    case '$oneOf': return around(options(argument), 'l\'un de : ', 'one of: ');
    case '$present': return argument ? { fr: 'présent', en: 'present' } : { fr: 'absent', en: 'absent' };
    case '$absent': return argument ? { fr: 'absent', en: 'absent' } : { fr: 'présent', en: 'present' };
    case '$quantity': return around(plain(argument), 'la quantité ', 'the quantity ');
    case '$contains': return around(plain(argument), 'contenant ', 'containing ');
    case '$gte': return around(plain(argument), 'au moins ', 'at least ');
    case '$lte': return around(plain(argument), 'au plus ', 'at most ');
    case '$length': return around(plain(argument), '', '', { fr: ' élément(s)', en: ' item(s)' });
    case '$not': return around(plain(argument), 'autre que ', 'other than ');
  }
};

export const describeFound = (mismatch: Mismatch): Text =>
  mismatch.found === undefined ? { fr: 'absent', en: 'absent' } : plain(mismatch.found);

/** The placeholders `{field}`, `{expectation}` and `{found}` of a mismatch message, in both languages. */
export const mismatchWords = (mismatch: Mismatch): Record<'field' | 'expectation' | 'found', Text> => ({
  field: describeField(mismatch.path),
  expectation: describeWanted(mismatch.wanted),
  found: describeFound(mismatch),
});

/** The exact path, expectation and value found, for tools (the JSON report's `details`). */
export const mismatchDetails = (mismatch: Mismatch): Record<'path' | 'expected' | 'actual', string> => ({
  path: mismatch.path,
  expected: mismatch.expected,
  actual: mismatch.actual,
});
