// manual: a free-text answer recorded for the trainer, never scored. It cannot fail by itself:
// an answer missing or still "<fix me>" is the engine's `not-answered` (test/engine/).
import { testCheck } from './test-check.js';

testCheck('manual', {
  valid: [
    {
      name: 'a free-text answer, recorded as written (trimmed)',
      params: { answer: 'Answer5' },
      answers: { Answer5: '  the containers of a pod share its network  ' },
      status: 'manual',
      messageId: 'recorded',
      data: { answer: 'Answer5', value: 'the containers of a pod share its network' },
      says: {
        fr: 'Answer5 enregistrée pour le formateur : « the containers of a pod share its network »',
        en: 'Answer5 recorded for the trainer: "the containers of a pod share its network"',
      },
    },
  ],
  invalid: [],
  refused: [
    { name: 'a key that is not AnswerN', params: { answer: 'five' } },
    { name: 'points or an expected answer in params', params: { answer: 'Answer5', accept: ['x'] } },
  ],
});
