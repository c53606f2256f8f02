import { keyRange, topRange } from '../ast';
import { isRecord } from '../schemas';
import { inheritedRoles } from '../workspace';
import type { Rule } from './rule';
import { roleTrack } from './roleFacts';

const PEOPLE = 'people';
const MIN_RANK = 4;

export const areaCoverage: Rule = {
  id: 'area-coverage',
  description: 'A management-track role of rank 4 (group-pm) or above holds, or inherits, no responsibility in the people area.',
  defaultSeverity: 'info',
  fixable: false,
  readsWorkspace: true,
  messages: {
    uncovered:
      'A {level} on the management track leads product people, yet this role holds no responsibility in the people area: add the people work it really does, such as "{example}".',
  },
  check(context) {
    const { parsed, kind, taxonomy } = context;
    if (kind !== 'role' || !isRecord(parsed.value)) return;
    const value = parsed.value;
    const level = typeof value.level === 'string' ? taxonomy.level(value.level) : undefined;
    if (!level || level.rank < MIN_RANK || roleTrack(value, taxonomy) !== 'management') return;
    const own = Array.isArray(value.responsibilities) ? value.responsibilities : [];
    // what the role holds: its own entries, plus everything it inherits
    const areas = own.map((item) => (typeof item === 'string' ? taxonomy.responsibility(item)?.area : isRecord(item) ? item.area : undefined));
    if (typeof value.inherits === 'string') {
      for (const role of inheritedRoles(context.index, value.inherits)) {
        areas.push(...role.responsibilities.map((id) => taxonomy.responsibility(id)?.area), ...role.duties.map((duty) => duty.area));
      }
    }
    // nothing held at all is empty-section's or missing-section's to say
    if (areas.length === 0 || areas.includes(PEOPLE)) return;
    const example = taxonomy.responsibilitiesOf(level.id).find((item) => item.area === PEOPLE);
    context.report({
      range: keyRange(parsed, ['responsibilities']) ?? topRange(parsed),
      messageId: 'uncovered',
      data: { level: level.title, example: example?.id ?? 'coach-product-managers' },
    });
  },
};
