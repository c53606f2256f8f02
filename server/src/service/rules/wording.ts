import type { Path } from '../ast';
import { KIND_TITLES, type Kind } from '../types';

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
  const split = (uri: string) => uri.split('/').map((part) => {
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

