import type { Path } from '../ast';
import { isRecord, type FieldSchema } from '../schemas';
import { ID_PATTERN, KIND_TITLES, type Kind } from '../types';
import type { RuleIndex } from '../workspace';

/** What one entry of a list field is called in messages. */
const ENTRY_NOUNS: Record<string, string> = {
  tracks: 'Track',
  objectives: 'Objective',
  keyResults: 'Key result',
  initiatives: 'Initiative',
  team: 'Team member',
  decisionRights: 'Decision right',
  successMetrics: 'Success metric',
  goals: 'Goal',
  responsibilities: 'Responsibility',
  skills: 'Skill',
  market: 'Market segment',
  stakeholders: 'Stakeholder',
};

/** The field whose value names an entry of a list field: a skill is named by its `skill`. */
const ENTRY_NAMES: Record<string, string> = {
  tracks: 'id',
  objectives: 'objective',
  keyResults: 'metric',
  initiatives: 'title',
  team: 'role',
  decisionRights: 'decision',
  successMetrics: 'metric',
  goals: 'goal',
  responsibilities: 'text',
  skills: 'skill',
  market: 'segment',
  stakeholders: 'name',
};

/** Names longer than this are left out of messages: the entry is named by its position instead. */
const MAX_NAME = 40;

const FIELD_NOUNS: Record<string, string> = { scope: 'Scope' };

/** The thing that owns the field at `path`, for messages: `Role`, `Key result`, `Scope`. */
export function ownerNoun(kind: Kind | undefined, parentPath: Path): string {
  for (let index = parentPath.length - 1; index >= 0; index--) {
    const segment = parentPath[index];
    if (typeof segment === 'number') {
      const list = parentPath[index - 1];
      if (typeof list === 'string' && ENTRY_NOUNS[list]) return ENTRY_NOUNS[list];
      continue;
    }
    return FIELD_NOUNS[segment] ?? `"${segment}"`;
  }
  return kind ? KIND_TITLES[kind] : 'This document';
}

/**
 * The value at `path` as a reader of the document names it, never by a bare list index:
 * `"level"`, `item 2 of "next"`, `"level" of skill "data-analysis"`, `"target" of key result 1 of
 * objective "Grow"`. Positions count from 1; `value` is the document's plain data, for the names.
 */
export function fieldLabel(path: Path, value: unknown): string {
  const last = path.length - 1;
  if (last < 0) return 'the document';
  const segment = path[last];
  if (typeof segment === 'number') {
    const list = path.slice(0, last);
    return `item ${segment + 1} of ${list.length ? fieldLabel(list, value) : 'the document'}`;
  }
  let first = last; // `scope.in`: the keys of one mapping chain, read as one field
  while (first > 0 && typeof path[first - 1] === 'string') first--;
  const field = `"${path.slice(first, last + 1).join('.')}"`;
  return first === 0 ? field : `${field} of ${entryLabel(path.slice(0, first), value)}`;
}

/** An entry of a list, `path` ending at its position: `skill "data-analysis"`, `key result 2 of objective "Grow"`. */
function entryLabel(path: Path, value: unknown): string {
  const position = path[path.length - 1] as number;
  const list = path[path.length - 2];
  const noun = typeof list === 'string' ? ENTRY_NOUNS[list] : undefined;
  if (!noun) return fieldLabel(path, value);
  const outer = path.slice(0, -2);
  const owner = outer.some((segment) => typeof segment === 'number') ? ` of ${entryLabel(outer.slice(0, lastIndexOfNumber(outer) + 1), value)}` : '';
  const name = nameOf(valueAt(value, path), ENTRY_NAMES[list as string]);
  return `${noun.toLowerCase()} ${name === undefined ? position + 1 : `"${name}"`}${owner}`;
}

function lastIndexOfNumber(path: Path): number {
  for (let index = path.length - 1; index >= 0; index--) if (typeof path[index] === 'number') return index;
  return -1;
}

function nameOf(entry: unknown, field: string | undefined): string | undefined {
  const name = typeof entry === 'string' ? entry : isRecord(entry) && field ? entry[field] : undefined;
  if (typeof name !== 'string') return undefined;
  const trimmed = name.trim();
  return trimmed && trimmed.length <= MAX_NAME && !/[\n"]/.test(trimmed) ? trimmed : undefined;
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number' ? !Array.isArray(current) : !isRecord(current)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The first letter in upper case, for a label that starts a sentence. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What to write in a field, for messages: its `x-hint`; for an id of another document, with an
 * example the workspace has (a made-up id would itself be an unresolved reference).
 */
export function fieldHint(schema: FieldSchema | undefined, index: RuleIndex, ownUri: string): string | undefined {
  const hint = schema?.['x-hint'];
  const kind = schema?.['x-reference'];
  if (hint === undefined || kind === undefined) return hint;
  const example = exampleId(index, kind, ownUri);
  return example === undefined ? hint : `${hint}, like "${example}"`;
}

const KEBAB_ID = new RegExp(ID_PATTERN);

/** An id of a `kind` document the workspace has, the same one every time: the first in sort order. */
function exampleId(index: RuleIndex, kind: Kind, ownUri: string): string | undefined {
  let first: string | undefined;
  for (const summary of index.documents(kind)) {
    if (summary.uri === ownUri || summary.id === undefined || !KEBAB_ID.test(summary.id)) continue;
    if (first === undefined || summary.id < first) first = summary.id;
  }
  return first;
}

/** A value as it would be quoted in a message. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `"${String(value)}"`;
}

export function listOf(values: readonly unknown[], max = 8): string {
  const shown = values.slice(0, max).map((value) => String(value));
  return values.length > max ? `${shown.join(', ')} and ${values.length - max} more` : shown.join(', ');
}

/** Where `target` lies, seen from the folder of `from`: `../roles/pm.role.yaml`. */
export function relativeLocation(from: string, target: string): string {
  const split = (uri: string) =>
    uri.split('/').map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  const a = split(from).slice(0, -1);
  const b = split(target);
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return [...Array(a.length - common).fill('..'), ...b.slice(common)].join('/');
}
