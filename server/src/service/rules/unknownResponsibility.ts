import { isRecord } from '../schemas';
import type { Rule } from './rule';
import { reportUnknownId } from './unknownTaxonomyId';

export const unknownResponsibility: Rule = {
  id: 'unknown-responsibility',
  description: 'A responsibility id that is not in the taxonomy; the nearest one is suggested.',
  defaultSeverity: 'warning',
  fixable: true,
  messages: {
    suggestion: '"{id}" is not a responsibility in the taxonomy. Did you mean "{suggestion}" ({title})?',
    unknown:
      '"{id}" is not a responsibility in the taxonomy: pick one from the completion list, add it to charters.config.yaml, or write it as a duty of your own, with `text` and `area`.',
  },
  check(context) {
    const { parsed, taxonomy, kind } = context;
    if (kind !== 'role' || !isRecord(parsed.value) || !Array.isArray(parsed.value.responsibilities)) return;
    const known = {
      set: 'taxonomy responsibilities',
      ids: taxonomy.responsibilities.map((item) => item.id),
      has: (id: string) => taxonomy.responsibility(id) !== undefined,
      title: (id: string) => taxonomy.responsibility(id)?.title,
    };
    parsed.value.responsibilities.forEach((item, index) => {
      if (typeof item === 'string') reportUnknownId(context, ['responsibilities', index], item, known);
    });
  },
};
