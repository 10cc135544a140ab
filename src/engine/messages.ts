// Messages the engine itself gives, whatever the check kind.
import type { Text } from '../lab/types.js';

export const ENGINE_MESSAGES = {
  'not-answered': { fr: '{answer} : pas encore répondu (« <fix me> »)', en: '{answer}: not answered yet ("<fix me>")' },
  'answer-missing': { fr: '{answer} absent du fichier de réponses', en: '{answer} is missing from the answers file' },
  'read-failed': { fr: 'impossible de lire {kind} : {reason}', en: 'cannot read {kind}: {reason}' },
  crashed: { fr: 'erreur interne de la vérification : {reason}', en: 'internal error in this check: {reason}' },
} satisfies Record<string, Text>;

export type EngineMessageId = keyof typeof ENGINE_MESSAGES;

/** `{name}` placeholders filled from data; unknown placeholders are left as they are. */
export const fillTemplate = (template: string, data: Record<string, string | number | undefined> = {}): string =>
  template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, key: string) => {
    const value = data[key];
    return value === undefined ? whole : String(value);
  });
