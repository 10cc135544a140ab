// The words of the integrity flags, in French and English: a flag reaches the
// student's feedback, in their language. Kubernetes names (kinds, fields) stay.
import type { IntegrityCheck } from '../core/integrity.js';
import type { Text, TextData } from '../core/text.js';

export const INTEGRITY_MESSAGES = {
  'lab-version': {
    fr: 'faite avec une autre version du TP {lab} (empreinte {theirs}, celle du formateur est {ours}) : ses vérifications peuvent différer',
    en: "made with another version of lab {lab} (digest {theirs}, the trainer's is {ours}): its checks may differ",
  },
  'uid-missing': { fr: "{object} n'a pas d'uid, que l'API server donne pourtant à tout objet", en: '{object} has no uid, which the API server gives every object' },
  'uid-invalid': { fr: "{object} a un uid qui n'en est pas un, alors que l'API server en donne un à tout objet", en: '{object} has a uid that is not one, which the API server gives every object' },
  'uid-shared': { fr: "{first} et {second} ont le même uid {uid} : l'un est la copie de l'autre", en: '{first} and {second} have the same uid {uid}: one was copied from the other' },
  owner: {
    fr: "{object} appartient à {ownerKind} {owner} d'uid {claimed}, mais l'uid de ce {ownerKind} est {actual}",
    en: "{object} is owned by {ownerKind} {owner} of uid {claimed}, but that {ownerKind}'s uid is {actual}",
  },
  'rs-no-hash': { fr: "ReplicaSet {replicaSet} du Deployment {deployment} n'a pas d'étiquette {label}", en: 'ReplicaSet {replicaSet} of Deployment {deployment} has no {label} label' },
  'rs-name': { fr: "ReplicaSet {replicaSet} du Deployment {deployment} ne porte pas le nom de son {label} {hash}", en: 'ReplicaSet {replicaSet} of Deployment {deployment} is not named after its {label} {hash}' },
  'rs-selector': { fr: 'ReplicaSet {replicaSet} du Deployment {deployment} a un sélecteur ou un modèle de pod sans son {label} {hash}', en: 'ReplicaSet {replicaSet} of Deployment {deployment} has a selector or a pod template without its {label} {hash}' },
  'rs-pod': { fr: "ReplicaSet {replicaSet} du Deployment {deployment} a le pod {pod}, dont le {label} n'est pas {hash}", en: 'ReplicaSet {replicaSet} of Deployment {deployment} has pod {pod}, whose {label} is not {hash}' },
  template: {
    fr: "Deployment {deployment} a un modèle de pod dont aucun de ses ReplicaSets n'a été fait (modifié après coup ?)",
    en: 'Deployment {deployment} has a pod template none of its ReplicaSets was made from (changed after it ran?)',
  },
  'deployment-count': { fr: 'Deployment {deployment} compte {own} {field} dans son statut, ses ReplicaSets {sum}', en: 'Deployment {deployment} counts {own} {field} in its status, its ReplicaSets {sum}' },
  'rs-ready': {
    fr: 'ReplicaSet {replicaSet} compte {said} réplicas prêts dans son statut, mais {ready} de ses pods sont prêts',
    en: 'ReplicaSet {replicaSet} counts {said} ready replicas in its status, but {ready} of its pods are ready',
  },
  'written-before-made': { fr: '{object} a été écrit à {written}, avant d\'être créé à {created}', en: '{object} was written at {written}, before it was made at {created}' },
  'written-after': { fr: '{object} a été écrit à {written}, après que la soumission a été faite ({submitted})', en: '{object} was written at {written}, after the submission was made ({submitted})' },
  'same-version': { fr: "{first} et {second} ont la même resourceVersion {version} : deux écritures n'en partagent jamais une", en: '{first} and {second} have the same resourceVersion {version}: no two writes share one' },
  'version-order': {
    fr: '{object} a été écrit pour la dernière fois à {written}, pourtant sa resourceVersion {version} dépasse celle de {other} ({otherVersion}), écrit plus tard à {otherWritten}',
    en: '{object} was last written at {written}, yet its resourceVersion {version} is above that of {other} ({otherVersion}), written later at {otherWritten}',
  },
  more: { fr: 'et {count} autre(s) du même genre', en: 'and {count} more of the same kind' },
} satisfies Record<string, Text>;

export type IntegrityMessageId = keyof typeof INTEGRITY_MESSAGES;

/** What a check found, before it is said in a language. */
export interface Finding {
  check: IntegrityCheck;
  message: IntegrityMessageId;
  data: TextData;
}

export const finding = (check: IntegrityCheck, message: IntegrityMessageId, data: TextData): Finding => ({ check, message, data });
