import { keyRange } from '../ast';
import { isRecord } from '../schemas';
import { inheritedRoles } from '../workspace';
import type { Rule } from './rule';

const LEADERSHIP_AREAS = ['people', 'organization', 'self-leadership'];
const MIN_RANK = 4;

export const areaCoverage: Rule = {
  id: 'area-coverage',
  description: 'A role of rank 4 (group-pm) or above has no responsibility in people, organization or self-leadership.',
  defaultSeverity: 'info',
  fixable: false,
  messages: {
    uncovered: 'A {level} leads people, yet none of these responsibilities is in the areas people, organization or self-leadership: add one, such as "{example}".',
  },
  check(context) {
    const { parsed, kind, taxonomy } = context;
    if (kind !== 'role' || !isRecord(parsed.value) || !Array.isArray(parsed.value.responsibilities)) return;
    const level = typeof parsed.value.level === 'string' ? parsed.value.level : undefined;
    const rank = taxonomy.rank(level);
    if (level === undefined || rank === undefined || rank < MIN_RANK) return;
    // what the role holds: its own entries, plus everything it inherits
    const areas = parsed.value.responsibilities.map((item) =>
      typeof item === 'string' ? taxonomy.responsibility(item)?.area : isRecord(item) ? item.area : undefined,
    );
    if (typeof parsed.value.inherits === 'string') {
      for (const role of inheritedRoles(context.index, parsed.value.inherits)) {
        areas.push(...role.responsibilities.map((id) => taxonomy.responsibility(id)?.area), ...role.duties.map((duty) => duty.area));
      }
    }
    const covered = areas.some((area) => typeof area === 'string' && LEADERSHIP_AREAS.includes(area));
    const range = keyRange(parsed, ['responsibilities']);
    if (covered || !range || parsed.value.responsibilities.length === 0) return;
    const example = taxonomy.responsibilitiesOf(level).find((item) => LEADERSHIP_AREAS.includes(item.area));
    context.report({
      range,
      messageId: 'uncovered',
      data: { level: taxonomy.level(level)?.title ?? level, example: example?.id ?? 'coach-product-managers' },
    });
  },
};
