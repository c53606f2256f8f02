import type { Node } from 'yaml';
import { keyRange, pairAt } from '../ast';
import { inFrontMatter } from '../markdownDocument';
import { isRecord } from '../schemas';
import { isEmptyValue } from './emptySection';
import type { Rule } from './rule';

export const emptyOutOfScope: Rule = {
  id: 'empty-out-of-scope',
  description: 'A charter whose `scope.out` is present but empty: it says nothing about what the team does not own.',
  defaultSeverity: 'warning',
  fixable: false,
  messages: {
    empty:
      'The charter lists nothing under "scope.out": name what people might expect this team to own but it does not (a neighbouring product, a shared platform, a customer segment), and who owns it instead.',
  },
  check(context) {
    const { parsed, kind } = context;
    if (kind !== 'charter' || !isRecord(parsed.value) || !isRecord(parsed.value.scope)) return;
    const scope = parsed.value.scope;
    // a missing `out` is missing-section's; an empty one is this rule's alone (empty-section leaves it)
    if (!('out' in scope) || !isEmptyValue(scope.out)) return;
    // on the `scope` key, or on the "Out of scope" heading of a Markdown document
    const out = pairAt(parsed.yaml, ['scope', 'out']);
    const range = keyRange(parsed, out && !inFrontMatter(parsed, out.key as Node) ? ['scope', 'out'] : ['scope']);
    if (range) context.report({ range, messageId: 'empty' });
  },
};
