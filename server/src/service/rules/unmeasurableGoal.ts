import { isScalar } from 'yaml';
import { fieldRange, nodeAt } from '../ast';
import { isRecord } from '../schemas';
import { measuredEntries } from './measuredEntries';
import type { Rule } from './rule';

/** Words that name an amount: cardinals, and fractions and multiples of the thing measured. */
const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'thousand',
  'million',
  'billion',
  'dozen',
  'half',
  'halve',
  'quarter',
  'double',
  'twice',
  'triple',
  'thrice',
  'quadruple',
];

/**
 * A quantity: a digit in any script (`40%`, `½`), a number word as a whole word, on its own or
 * with `-fold` (`zero`, `twenty-five`, `half`, `twice`, `threefold`), or a multiplier (`2x`, `×3`,
 * which hold digits).
 */
const QUANTITY = new RegExp(`\\p{N}|(?<![\\p{L}\\p{N}])(?:${NUMBER_WORDS.join('|')})(?:fold)?(?![\\p{L}\\p{N}])`, 'iu');

export function holdsQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

export const unmeasurableGoal: Rule = {
  id: 'unmeasurable-goal',
  description: 'A key result, goal or success metric whose `target` holds no quantity.',
  defaultSeverity: 'warning',
  fixable: false,
  messages: {
    noQuantity:
      'The target "{target}" holds no quantity, so nobody can tell when it is met: say how much, e.g. "40% of new teams", "under 2 days" or "zero outages".',
  },
  check(context) {
    const { parsed, kind } = context;
    if (!kind || !isRecord(parsed.value)) return;
    for (const { path: entryPath, entry } of measuredEntries(kind, parsed.value)) {
      if (!('target' in entry)) continue;
      const path = [...entryPath, 'target'];
      const node = nodeAt(parsed.yaml, path);
      const target = isScalar(node) ? node.value : undefined;
      if (typeof target !== 'string' || target.trim() === '' || holdsQuantity(target)) continue;
      const range = fieldRange(parsed, path);
      if (range) context.report({ range, messageId: 'noQuantity', data: { target } });
    }
  },
};
