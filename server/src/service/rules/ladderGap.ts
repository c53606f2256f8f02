import { effectiveResponsibilities } from '../workspace';
import type { Rule } from './rule';
import { ladderTracks } from './ladderTracks';
import { listOf } from './wording';

export const ladderGap: Rule = {
  id: 'ladder-gap',
  description:
    "A role in a ladder track lacks a responsibility of the rung below that the taxonomy says the role's own level still holds, and does not inherit it.",
  defaultSeverity: 'warning',
  fixable: false,
  readsWorkspace: true,
  messages: {
    gap: '"{role}" does not hold {count} responsibilit{plural} of "{below}", the rung below, that a {level} still holds: {missing}. Add {them} to "{role}", or give it "inherits: {below}" if it keeps all the work of that rung.',
  },
  check(context) {
    const { parsed, index, taxonomy } = context;
    // an id and its alias are one responsibility
    const canonical = (ids: Iterable<string>) => new Set([...ids].map((id) => taxonomy.responsibilityId(id) ?? id));
    for (const track of ladderTracks(parsed)) {
      for (let position = 1; position < track.length; position++) {
        const below = index.find('role', track[position - 1].roleId)[0];
        const entry = track[position];
        const role = index.find('role', entry.roleId)[0];
        if (!below || !role || role.level === undefined) continue;
        const level = taxonomy.level(role.level);
        const belowRank = taxonomy.rank(below.level);
        // a pair without rank is not compared, and an out-of-order pair is ladder-order's
        if (!level || belowRank === undefined || role.track === 'cross-functional' || below.track === 'cross-functional' || level.rank < belowRank) continue;
        const held = canonical(effectiveResponsibilities(index, entry.roleId));
        // only what the taxonomy says this level still does: duties drop off as people move up
        const missing = [...canonical(effectiveResponsibilities(index, below.id ?? entry.roleId))].filter((id) => {
          const item = taxonomy.responsibility(id);
          return item !== undefined && !held.has(id) && taxonomy.holds(level.id, item);
        });
        if (missing.length === 0) continue;
        const one = missing.length === 1;
        context.report({
          range: entry.range,
          messageId: 'gap',
          data: {
            role: entry.roleId,
            below: track[position - 1].roleId,
            level: level.title,
            count: missing.length,
            plural: one ? 'y' : 'ies',
            them: one ? 'it' : 'them',
            missing: listOf(
              missing.map((id) => `"${id}"`),
              6,
            ),
          },
        });
      }
    }
  },
};
