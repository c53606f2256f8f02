import { isSeq } from 'yaml';
import { nodeAt, nodeRange } from '../ast';
import { removeListItem } from '../edits';
import { isRecord } from '../schemas';
import type { Taxonomy } from '../taxonomy';
import type { Fix } from '../types';
import type { Rule } from './rule';

/**
 * The identity of a list entry: the id, or the skill id, or a duty's text. An id written by one of
 * its aliases is the same entry as the id itself.
 */
function entryKey(item: unknown, canonical: (id: string) => string): string | undefined {
  if (typeof item === 'string') return canonical(item);
  if (!isRecord(item)) return undefined;
  if (typeof item.skill === 'string') return canonical(item.skill);
  if (typeof item.text === 'string') return item.text.trim().toLowerCase();
  return undefined;
}

export const duplicateEntry: Rule = {
  id: 'duplicate-entry',
  description: 'The same responsibility or skill appears twice in one list, or a Markdown document gives a field twice.',
  defaultSeverity: 'warning',
  fixable: true,
  messages: {
    duplicate: '"{entry}" is already listed in "{list}" (line {line}): remove this one.',
    spelling: '"{entry}" is another spelling of "{first}", already listed in "{list}" (line {line}): remove this one.',
    section: 'The "{heading}" section gives "{field}", which line {line} already gives: keep one of them.',
  },
  check(context) {
    const { parsed, kind, taxonomy } = context;
    for (const { heading, firstLine } of parsed.markdown?.duplicates ?? []) {
      const field = heading.section?.path.join('.') ?? heading.text;
      context.report({ range: heading.range, messageId: 'section', data: { heading: heading.text, field, line: firstLine + 1 } });
    }
    if (kind !== 'role' || !isRecord(parsed.value)) return;
    for (const list of ['responsibilities', 'skills']) {
      const items = parsed.value[list];
      const seq = nodeAt(parsed.yaml, [list]);
      if (!Array.isArray(items) || !isSeq(seq)) continue;
      const firstSeen = new Map<string, number>();
      const canonical = canonicalIn(list, taxonomy);
      items.forEach((item, index) => {
        const key = entryKey(item, canonical);
        if (key === undefined) return;
        const first = firstSeen.get(key);
        if (first === undefined) {
          firstSeen.set(key, index);
          return;
        }
        const node = nodeAt(parsed.yaml, [list, index]);
        const firstNode = nodeAt(parsed.yaml, [list, first]);
        const range = node && nodeRange(parsed.textDocument, node);
        if (!range) return;
        const edit = removeListItem(parsed, seq, index);
        const line = firstNode ? (nodeRange(parsed.textDocument, firstNode)?.start.line ?? 0) + 1 : 0;
        const written = writtenId(item) ?? key;
        const firstWritten = writtenId(items[first]) ?? key;
        // an exact copy goes safely; one that differs (another level, another spelling, other wording) needs a person to choose
        const exact = items.slice(0, index).some((earlier) => sameValue(earlier, item));
        const fix: Fix | undefined =
          edit &&
          (exact
            ? { title: 'Remove the duplicate entry', edits: [edit], safety: 'safe', isPreferred: true }
            : { title: 'Remove this entry', edits: [edit], safety: 'suggestion' });
        context.report({
          range,
          messageId: written === firstWritten || writtenId(item) === undefined ? 'duplicate' : 'spelling',
          data: { entry: written, first: firstWritten, list, line },
          fixes: fix ? [fix] : [],
        });
      });
    }
  },
};

/** Deep equality of parsed YAML values (scalars, lists, mappings). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
}

/** The id as the document writes it, for a plain id or a `{skill, level}` entry. */
function writtenId(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  return isRecord(item) && typeof item.skill === 'string' ? item.skill : undefined;
}

function canonicalIn(list: string, taxonomy: Taxonomy): (id: string) => string {
  return (id) => (list === 'skills' ? taxonomy.skillId(id) : taxonomy.responsibilityId(id)) ?? id;
}
