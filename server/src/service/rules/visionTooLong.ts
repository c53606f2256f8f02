import { fieldRange } from '../ast';
import { isRecord } from '../schemas';
import type { Rule } from './rule';

const MAX_WORDS = 35;

export const visionTooLong: Rule = {
  id: 'vision-too-long',
  description: 'A vision statement over 35 words.',
  defaultSeverity: 'info',
  fixable: false,
  messages: {
    long: 'The vision statement has {count} words: a north star people can repeat fits in {max} or fewer. Move the detail to "needs" or "product".',
  },
  check(context) {
    const { parsed, kind } = context;
    if (kind !== 'vision' || !isRecord(parsed.value) || typeof parsed.value.statement !== 'string') return;
    const count = parsed.value.statement.split(/\s+/).filter(Boolean).length;
    const range = fieldRange(parsed, ['statement']);
    if (count > MAX_WORDS && range) context.report({ range, messageId: 'long', data: { count, max: MAX_WORDS } });
  },
};
