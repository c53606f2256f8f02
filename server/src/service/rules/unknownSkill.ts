import { isRecord } from '../schemas';
import type { Rule } from './rule';
import { reportUnknownId } from './unknownTaxonomyId';

export const unknownSkill: Rule = {
  id: 'unknown-skill',
  description: 'A skill id that is not in the taxonomy; the nearest one is suggested.',
  defaultSeverity: 'warning',
  fixable: true,
  messages: {
    suggestion: '"{id}" is not a skill in the taxonomy. Did you mean "{suggestion}" ({title})?',
    unknown: '"{id}" is not a skill in the taxonomy: pick one from the completion list, or add it to charters.config.yaml.',
  },
  check(context) {
    const { parsed, taxonomy, kind } = context;
    if (kind !== 'role' || !isRecord(parsed.value) || !Array.isArray(parsed.value.skills)) return;
    const known = {
      set: 'taxonomy skills',
      ids: taxonomy.skills.map((skill) => skill.id),
      has: (id: string) => taxonomy.skill(id) !== undefined,
      title: (id: string) => taxonomy.skill(id)?.title,
    };
    parsed.value.skills.forEach((item, index) => {
      if (typeof item === 'string') reportUnknownId(context, ['skills', index], item, known);
      else if (isRecord(item) && typeof item.skill === 'string') reportUnknownId(context, ['skills', index, 'skill'], item.skill, known);
    });
  },
};
