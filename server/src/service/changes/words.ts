// The small vocabulary every comparison shares: reading values, naming things in product words,
// and the list differences (by text, by key, by order).
import { isRecord } from '../schemas';
import type { Taxonomy } from '../taxonomy';
import type { Kind } from '../types';

/** One change to a document, in product words; `text` follows the document's name in a sentence. */
export interface Change {
  /** The field that changed, as the document writes it (`responsibilities`, `tracks.ic`, `objectives`). */
  field: string;
  change: 'added' | 'removed' | 'changed' | 'moved';
  text: string;
  /** For a changed value: what it was and what it is, as shown in `text`. */
  before?: string;
  after?: string;
}

/** What a comparison needs besides the two values: the titles of documents and taxonomy entries. */
export interface Names {
  /** A document's title by kind and id, HEAD's where it has one. */
  document(kind: Kind, id: string): string | undefined;
  /** The taxonomy of the side a value comes from. */
  readonly before: Taxonomy;
  readonly after: Taxonomy;
}

export type Side = 'before' | 'after';

/** `'Senior PM' [senior-pm]`, or `[senior-pm]` when nothing gives it a title. */
export function named(title: string | undefined, id: string): string {
  return title && title !== id ? `${quoted(title)} [${id}]` : `[${id}]`;
}

export function quoted(text: string): string {
  return `'${text}'`;
}

/** A role (or another document) by its title and id. */
export function documentName(names: Names, kind: Kind, id: string): string {
  return named(names.document(kind, id), id);
}

/** Text as compared: spaces and line breaks folded, so reflowing a paragraph changes nothing. */
export function normal(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim().replace(/\s+/g, ' ') || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return undefined;
}

/** Matching key of a list item's text: case and spacing ignored. */
export function keyOf(value: unknown): string | undefined {
  return normal(value)?.toLowerCase();
}

export function field(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Items present on one side only, by key; each side's first item of a key stands for it. */
export function keyedDifference<T>(before: unknown[], after: unknown[], key: (item: unknown) => string | undefined, read: (item: unknown) => T) {
  const index = (items: unknown[]) => {
    const map = new Map<string, unknown>();
    for (const item of items) {
      const k = key(item);
      if (k !== undefined && !map.has(k)) map.set(k, item);
    }
    return map;
  };
  const was = index(before);
  const is = index(after);
  return {
    added: [...is].filter(([k]) => !was.has(k)).map(([, item]) => read(item)),
    removed: [...was].filter(([k]) => !is.has(k)).map(([, item]) => read(item)),
    kept: [...is].filter(([k]) => was.has(k)).map(([k, item]) => ({ before: read(was.get(k)), after: read(item) })),
  };
}

/** A list of text: items added and removed (order and spacing ignored). */
export function textList(fieldName: string, label: string, before: unknown, after: unknown): Change[] {
  const { added, removed } = keyedDifference(list(before), list(after), keyOf, (item) => normal(item) ?? '');
  return [
    ...added.map((text): Change => ({ field: fieldName, change: 'added', text: `adds ${quoted(text)} to ${label}` })),
    ...removed.map((text): Change => ({ field: fieldName, change: 'removed', text: `removes ${quoted(text)} from ${label}` })),
  ];
}

/** A single value: set, dropped or changed; `show` names a value in the sentence. */
export function value(fieldName: string, label: string, before: unknown, after: unknown, show: (value: string, side: Side) => string = quoted): Change[] {
  const was = normal(before);
  const is = normal(after);
  if (was === is) return [];
  if (was === undefined) return [{ field: fieldName, change: 'added', text: `sets ${label} to ${show(is!, 'after')}`, after: is }];
  if (is === undefined) return [{ field: fieldName, change: 'removed', text: `drops ${label} (was ${show(was, 'before')})`, before: was }];
  return [{ field: fieldName, change: 'changed', text: `changes ${label} from ${show(was, 'before')} to ${show(is, 'after')}`, before: was, after: is }];
}

/** A long text (a summary, a mission): said to be rewritten, with its new words, shortened. */
export function prose(fieldName: string, label: string, before: unknown, after: unknown): Change[] {
  const was = normal(before);
  const is = normal(after);
  if (was === is) return [];
  if (is === undefined) return [{ field: fieldName, change: 'removed', text: `drops ${label}`, before: was }];
  const verb = was === undefined ? 'sets' : 'rewrites';
  return [{ field: fieldName, change: was === undefined ? 'added' : 'changed', text: `${verb} ${label}: ${quoted(shorten(is))}`, before: was, after: is }];
}

export function shorten(text: string, length = 160): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/** `target 40% → 55%, due 2027-06-30 → 2027-09-30`: the parts of an item that changed; empty when none. */
export function parts(
  before: unknown,
  after: unknown,
  names: readonly string[],
  show: (name: string, value: string, side: Side) => string = (_, v) => v,
): string[] {
  const changed: string[] = [];
  for (const name of names) {
    const was = normal(field(before, name));
    const is = normal(field(after, name));
    if (was === is) continue;
    const left = was === undefined ? '(none)' : show(name, was, 'before');
    const right = is === undefined ? '(none)' : show(name, is, 'after');
    changed.push(`${name} ${left} → ${right}`);
  }
  return changed;
}

/**
 * The longest common subsequence of two lists of distinct ids: the items that kept their order.
 * The others present on both sides have moved.
 */
export function keptInOrder(before: readonly string[], after: readonly string[]): Set<string> {
  const lengths = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      lengths[i][j] = before[i] === after[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < before.length && j < after.length; ) {
    if (before[i] === after[j]) {
      kept.add(before[i]);
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
    else j++;
  }
  return kept;
}
