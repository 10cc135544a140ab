// Messages the engine itself gives, whatever the check kind.
import type { Text } from '../core/text.js';

export const ENGINE_MESSAGES = {
  'not-answered': { fr: '{answer} : pas encore répondu (« <fix me> »)', en: '{answer}: not answered yet ("<fix me>")' },
  'answer-missing': { fr: '{answer} absent du fichier de réponses', en: '{answer} is missing from the answers file' },
  'read-failed': { fr: 'impossible de lire {kind} : {reason}', en: 'cannot read {kind}: {reason}' },
  'kind-not-served': {
    fr: 'le cluster ne sert pas le type « {kind} » (une CRD non installée ?) : cette vérification ne peut pas être faite',
    en: 'the cluster does not serve the kind "{kind}" (a CRD not installed?): this check cannot be made',
  },
  'kind-not-listable': {
    fr: 'le type « {kind} » ({kindName}) ne se liste pas : tp ne peut pas le lire',
    en: 'the kind "{kind}" ({kindName}) cannot be listed: tp cannot read it',
  },
  'discovery-failed': {
    fr: 'impossible de savoir si le cluster sert le type « {kind} » : {reason}',
    en: 'cannot tell whether the cluster serves the kind "{kind}": {reason}',
  },
  crashed: { fr: 'erreur interne de la vérification : {reason}', en: 'internal error in this check: {reason}' },
} satisfies Record<string, Text>;

/** Warnings on a whole report, about the namespace checked. */
export const NAMESPACE_WARNINGS = {
  missing: {
    fr: 'le namespace {namespace} n\'existe pas dans le contexte {context} : vérifiez -n ou le namespace du contexte',
    en: 'namespace {namespace} does not exist in context {context}: check -n or the context\'s namespace',
  },
  // A shared snapshot (tp grade) lists namespaces' objects without asking for the namespaces themselves.
  empty: {
    fr: 'le namespace {namespace} ne contient aucun des objets que ce TP lit : existe-t-il ?',
    en: 'namespace {namespace} holds none of the objects this lab reads: does it exist?',
  },
} satisfies Record<string, Text>;

export type EngineMessageId = keyof typeof ENGINE_MESSAGES;
