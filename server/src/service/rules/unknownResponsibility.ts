import { isScalar } from 'yaml';
import { nodeAt, nodeRange } from '../ast';
import { replaceScalar } from '../edits';
import { isRecord } from '../schemas';
import { nearest } from '../suggest';
import type { Rule } from './rule';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const unknownResponsibility: Rule = {
  id: 'unknown-responsibility',
  description: 'A responsibility id that is not in the taxonomy (suggests the nearest).',
  defaultSeverity: 'warning',
  fixable: true,
  messages: {
    suggestion: '"{id}" is not a responsibility in the taxonomy. Did you mean "{suggestion}" ({title})?',
    unknown: '"{id}" is not a responsibility in the taxonomy: pick one from the completion list, add it to charters.config.yaml, or write it as a duty of your own, with `text` and `area`.',
  },
  check(context) {
    const { parsed, taxonomy, kind } = context;
    if (kind !== 'role' || !isRecord(parsed.value) || !Array.isArray(parsed.value.responsibilities)) return;
    const ids = taxonomy.responsibilities.map((item) => item.id);
    parsed.value.responsibilities.forEach((item, index) => {
      if (typeof item !== 'string' || !KEBAB.test(item) || taxonomy.responsibility(item)) return;
      const node = nodeAt(parsed.yaml, ['responsibilities', index]);
      const range = node && nodeRange(parsed.textDocument, node);
      if (!isScalar(node) || !range) return;
      const suggestion = nearest(item, ids);
      const edit = suggestion ? replaceScalar(parsed, node, suggestion) : undefined;
      context.report({
        range,
        messageId: suggestion ? 'suggestion' : 'unknown',
        data: { id: item, suggestion: suggestion ?? '', title: suggestion ? (taxonomy.responsibility(suggestion)?.title ?? '') : '' },
        fixes: edit ? [{ title: `Change to "${suggestion}"`, edits: [edit], isPreferred: true }] : [],
      });
    });
  },
};
