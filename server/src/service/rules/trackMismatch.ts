import { isRecord } from '../schemas';
import type { Rule } from './rule';
import { inheritedResponsibilitiesOf, named, ownResponsibilitiesOf, roleTrack } from './roleFacts';
import { listOf } from './wording';

export const trackMismatch: Rule = {
  id: 'track-mismatch',
  description: 'A role on the individual-contributor track holds a responsibility that needs line management.',
  defaultSeverity: 'warning',
  fixable: false,
  readsWorkspace: true,
  messages: {
    own: '{responsibility} needs people reporting to this role, but the role is on the individual-contributor track. Give it to the role that manages these people, or put this role on the management track ("track: management") if it does manage.',
    inherited:
      'Through "inherits: {from}" this individual-contributor role holds line-management work: {responsibilities}. Inherit from a role without reports, or put this role on the management track ("track: management") if it does manage.',
  },
  check(context) {
    const { parsed, taxonomy } = context;
    if (context.kind !== 'role' || !isRecord(parsed.value) || roleTrack(parsed.value, taxonomy) !== 'ic') return;
    for (const { item, range } of context.once(ownResponsibilitiesOf)) {
      if (item.lineManagement) context.report({ range, messageId: 'own', data: { responsibility: named(item) } });
    }
    const inherited = context.once(inheritedResponsibilitiesOf);
    const found = inherited?.items.filter((item) => item.lineManagement) ?? [];
    if (!inherited || found.length === 0) return;
    context.report({ range: inherited.range, messageId: 'inherited', data: { from: inherited.from, responsibilities: listOf(found.map(named), 4) } });
  },
};
