import { keyRange } from '../ast';
import { isRecord } from '../schemas';
import type { Rule } from './rule';

const MAX_KEY_RESULTS = 5;

export const keyResultCount: Rule = {
  id: 'key-result-count',
  description: 'An objective with more than 5 key results.',
  defaultSeverity: 'info',
  fixable: false,
  messages: {
    tooMany: 'This objective has {count} key results: keep to {max} or fewer so the team knows what matters most.',
  },
  check(context) {
    const { parsed, kind } = context;
    if (kind !== 'strategy' || !isRecord(parsed.value) || !Array.isArray(parsed.value.objectives)) return;
    parsed.value.objectives.forEach((objective, index) => {
      if (!isRecord(objective) || !Array.isArray(objective.keyResults) || objective.keyResults.length <= MAX_KEY_RESULTS) return;
      const range = keyRange(parsed, ['objectives', index, 'keyResults']);
      if (range) context.report({ range, messageId: 'tooMany', data: { count: objective.keyResults.length, max: MAX_KEY_RESULTS } });
    });
  },
};
