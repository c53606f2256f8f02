import { effectiveResponsibilities } from '../workspace';
import type { Rule } from './rule';
import { ladderTracks } from './ladderTracks';
import { listOf } from './wording';

export const ladderGap: Rule = {
  id: 'ladder-gap',
  description: 'A role in a ladder track lacks a responsibility of the role below it and does not inherit it.',
  defaultSeverity: 'warning',
  fixable: false,
  messages: {
    gap: '"{role}" drops {count} responsibilit{plural} of "{below}", the rung below it: {missing}. Add {them} to "{role}", or give it "inherits: {below}".',
  },
  check(context) {
    const { parsed, index } = context;
    for (const track of ladderTracks(parsed)) {
      for (let position = 1; position < track.length; position++) {
        const below = track[position - 1];
        const entry = track[position];
        if (index.find('role', below.roleId).length === 0 || index.find('role', entry.roleId).length === 0) continue;
        const held = effectiveResponsibilities(index, entry.roleId);
        const missing = [...effectiveResponsibilities(index, below.roleId)].filter((id) => !held.has(id));
        if (missing.length === 0) continue;
        const one = missing.length === 1;
        context.report({
          range: entry.range,
          messageId: 'gap',
          data: {
            role: entry.roleId,
            below: below.roleId,
            count: missing.length,
            plural: one ? 'y' : 'ies',
            them: one ? 'it' : 'them',
            missing: listOf(missing.map((id) => `"${id}"`), 6),
          },
        });
      }
    }
  },
};
