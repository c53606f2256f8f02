import { isScalar } from 'yaml';
import { nodeAt, nodeRange, type Path } from '../ast';
import { replaceScalar } from '../edits';
import { isRecord } from '../schemas';
import { nearest } from '../suggest';
import type { Rule } from './rule';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const unknownSkill: Rule = {
  id: 'unknown-skill',
  description: 'A skill id that is not in the taxonomy (suggests the nearest).',
  defaultSeverity: 'warning',
  fixable: true,
  messages: {
    suggestion: '"{id}" is not a skill in the taxonomy. Did you mean "{suggestion}" ({title})?',
    unknown: '"{id}" is not a skill in the taxonomy: pick one from the completion list, or add it to charters.config.yaml.',
  },
  check(context) {
    const { parsed, taxonomy, kind } = context;
    if (kind !== 'role' || !isRecord(parsed.value) || !Array.isArray(parsed.value.skills)) return;
    const ids = taxonomy.skills.map((skill) => skill.id);
    parsed.value.skills.forEach((item, index) => {
      const id = typeof item === 'string' ? item : isRecord(item) && typeof item.skill === 'string' ? item.skill : undefined;
      if (id === undefined || !KEBAB.test(id) || taxonomy.skill(id)) return;
      const path: Path = typeof item === 'string' ? ['skills', index] : ['skills', index, 'skill'];
      const node = nodeAt(parsed.yaml, path);
      const range = node && nodeRange(parsed.textDocument, node);
      if (!isScalar(node) || !range) return;
      const suggestion = nearest(id, ids);
      const edit = suggestion ? replaceScalar(parsed, node, suggestion) : undefined;
      context.report({
        range,
        messageId: suggestion ? 'suggestion' : 'unknown',
        data: { id, suggestion: suggestion ?? '', title: suggestion ? (taxonomy.skill(suggestion)?.title ?? '') : '' },
        fixes: edit ? [{ title: `Change to "${suggestion}"`, edits: [edit], isPreferred: true }] : [],
      });
    });
  },
};
