// A mismatch in the words of the course, for the student: "the image of the
// container kubernetes-app", "an image tagged v0.2" — never the path syntax
// (`spec.template.spec.containers[name=…].image`) nor a regular expression,
// which stay in the report's `details` for tools.
import { isPlainObject } from '../../core/json-shape.js';
import type { Text } from '../../core/text.js';
import type { Mismatch, Wanted } from './field-match.js';

const both = (text: string): Text => ({ fr: text, en: text });

/** A value as a student would type it: strings bare, flat maps as `key=value` labels. */
const plain = (value: unknown): string => {
  if (value === undefined) return '';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;
  if (isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number')) {
    return Object.entries(value).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

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

const list = (values: unknown): string => (Array.isArray(values) ? values.map(plain).join(' | ') : plain(values));

/** What was wanted: the lab's `$as` words when it gave them, else words made from the operator. */
export const describeWanted = (wanted: Wanted): Text => {
  if (wanted.as) return wanted.as;
  const { argument } = wanted;
  switch (wanted.test) {
    case 'equal': return isPlainObject(argument) || Array.isArray(argument) ? { fr: 'comme dans l\'énoncé', en: 'as the lab text says' } : both(plain(argument));
    case 'object': return { fr: 'un ensemble de champs', en: 'a set of fields' };
    case 'list': return { fr: 'une liste', en: 'a list' };
    case '$regex': return { fr: 'de la forme demandée (voir l\'indice)', en: 'of the form asked for (see the hint)' };
    case '$oneOf': return { fr: `l'un de : ${list(argument)}`, en: `one of: ${list(argument)}` };
    case '$present': return argument ? { fr: 'présent', en: 'present' } : { fr: 'absent', en: 'absent' };
    case '$absent': return argument ? { fr: 'absent', en: 'absent' } : { fr: 'présent', en: 'present' };
    case '$quantity': return { fr: `la quantité ${plain(argument)}`, en: `the quantity ${plain(argument)}` };
    case '$contains': return { fr: `contenant ${plain(argument)}`, en: `containing ${plain(argument)}` };
    case '$gte': return { fr: `au moins ${plain(argument)}`, en: `at least ${plain(argument)}` };
    case '$lte': return { fr: `au plus ${plain(argument)}`, en: `at most ${plain(argument)}` };
    case '$length': return { fr: `${plain(argument)} élément(s)`, en: `${plain(argument)} item(s)` };
    case '$not': return { fr: `autre que ${plain(argument)}`, en: `other than ${plain(argument)}` };
  }
};

export const describeFound = (mismatch: Mismatch): Text =>
  mismatch.found === undefined ? { fr: 'absent', en: 'absent' } : both(plain(mismatch.found));

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
