// manual: a free-text answer recorded for a trainer to review; no automatic points.
import { defineCheck } from './define.js';
import { shortened } from '../core/quote.js';

// Free text is for a trainer to read: a longer quote than a short answer gets.
const MANUAL_QUOTE_MAX = 500;

export interface ManualParams {
  answer: string;
}

export const manualCheck = defineCheck<ManualParams, 'recorded'>({
  kind: 'manual',
  schema: {
    type: 'object',
    required: ['answer'],
    additionalProperties: false,
    properties: { answer: { type: 'string', pattern: '^Answer[0-9]+$' } },
  },
  messages: {
    recorded: { fr: '{answer} enregistrée pour le formateur : « {value} »', en: '{answer} recorded for the trainer: "{value}"' },
  },
  needs: () => [],
  answers: (params) => [params.answer],
  evaluate(params, { answers }) {
    const given = answers.get(params.answer);
    const value = given?.state === 'answered' ? shortened(given.value, MANUAL_QUOTE_MAX) : '';
    return { status: 'manual', messageId: 'recorded', data: { answer: params.answer, value } };
  },
});
