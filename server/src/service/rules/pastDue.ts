import { isScalar } from 'yaml';
import { nodeAt, nodeRange } from '../ast';
import { isCalendarDate } from '../config';
import { isRecord } from '../schemas';
import { KIND_TITLES } from '../types';
import { measuredEntries } from './measuredEntries';
import type { Rule } from './rule';

/** The statuses of a document people rely on: a draft may hold old dates, a retired one is history. */
const CURRENT = new Set(['review', 'approved']);

export const pastDue: Rule = {
  id: 'past-due',
  description: "A key result's or goal's `due` date has passed in a document whose `status` is `review` or `approved`.",
  defaultSeverity: 'info',
  fixable: false,
  messages: {
    pastDue:
      'This {noun} was due on {due}, which has passed, and the {kind} is "{status}": record whether it was met, then replace it with the next {noun} or move its due date.',
  },
  check(context) {
    const { parsed, kind, today } = context;
    if (!today || !kind || !isRecord(parsed.value) || !CURRENT.has(String(parsed.value.status))) return;
    const status = String(parsed.value.status);
    for (const { path, entry, noun } of measuredEntries(kind, parsed.value)) {
      // a charter's success metrics are the team's standing measures, not promises with a deadline
      if (noun === 'success metric') continue;
      const due = entry.due;
      // a malformed date is invalid-value's
      if (typeof due !== 'string' || !isCalendarDate(due) || due >= today) continue;
      const node = nodeAt(parsed.yaml, [...path, 'due']);
      const range = isScalar(node) ? nodeRange(parsed.textDocument, node) : undefined;
      if (range) context.report({ range, messageId: 'pastDue', data: { noun, due, status, kind: KIND_TITLES[kind].toLowerCase() } });
    }
  },
};
