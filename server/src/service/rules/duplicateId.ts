import { isScalar } from 'yaml';
import { nodeAt, nodeRange } from '../ast';
import type { Rule } from './rule';
import { relativeLocation } from './wording';

export const duplicateId: Rule = {
  id: 'duplicate-id',
  description: 'Two documents of the same kind share an id.',
  defaultSeverity: 'error',
  fixable: false,
  messages: {
    duplicate: 'Another {kind} already has id "{id}" ({other}): give each {kind} an id of its own.',
  },
  check(context) {
    const { parsed, index, kind, uri } = context;
    const node = nodeAt(parsed.yaml, ['id']);
    if (!kind || !isScalar(node) || typeof node.value !== 'string') return;
    const others = index.find(kind, node.value).filter((summary) => summary.uri !== uri);
    const range = nodeRange(parsed.textDocument, node);
    if (others.length === 0 || !range) return;
    context.report({
      range,
      messageId: 'duplicate',
      data: { kind, id: node.value, other: others.map((summary) => relativeLocation(uri, summary.uri)).join(', ') },
    });
  },
};
