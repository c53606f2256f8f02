import { isScalar } from 'yaml';
import { nodeAt, nodeRange } from '../ast';
import type { ParsedDocument } from '../parse';
import { isRecord } from '../schemas';
import type { Responsibility, Taxonomy } from '../taxonomy';
import type { Range } from '../types';
import { inheritedRoles, type RuleIndex } from '../workspace';
import type { RuleContext } from './rule';

/** A role's track: the one it states, else its level's (associate-pm to senior-pm `ic`, group-pm up `management`). */
export function roleTrack(role: { level?: unknown; track?: unknown }, taxonomy: Taxonomy): string | undefined {
  if (typeof role.track === 'string') return role.track;
  return typeof role.level === 'string' ? taxonomy.track(role.level) : undefined;
}

/** The level of a role document that has a rank: cross-functional roles and unknown levels have none. */
export function rankedLevel(parsed: ParsedDocument, taxonomy: Taxonomy): { id: string; title: string; rank: number } | undefined {
  if (parsed.kind !== 'role' || !isRecord(parsed.value) || parsed.value.track === 'cross-functional') return undefined;
  const level = typeof parsed.value.level === 'string' ? taxonomy.level(parsed.value.level) : undefined;
  return level && { id: level.id, title: level.title, rank: level.rank };
}

/** The taxonomy responsibilities a role document lists itself, each at its entry. */
export function ownResponsibilities(parsed: ParsedDocument, taxonomy: Taxonomy): { item: Responsibility; range: Range }[] {
  if (parsed.kind !== 'role' || !isRecord(parsed.value) || !Array.isArray(parsed.value.responsibilities)) return [];
  const held: { item: Responsibility; range: Range }[] = [];
  parsed.value.responsibilities.forEach((id, position) => {
    const item = typeof id === 'string' ? taxonomy.responsibility(id) : undefined;
    if (!item) return; // most entries of a long list are duties of the role's own: no node to look up
    const node = nodeAt(parsed.yaml, ['responsibilities', position]);
    const range = isScalar(node) ? nodeRange(parsed.textDocument, node) : undefined;
    if (range) held.push({ item, range });
  });
  return held;
}

/** `ownResponsibilities` of the linted document, once per lint (`context.once`). */
export const ownResponsibilitiesOf = (context: RuleContext) => ownResponsibilities(context.parsed, context.taxonomy);

/** `inheritedResponsibilities` of the linted document, once per lint (`context.once`). */
export const inheritedResponsibilitiesOf = (context: RuleContext) =>
  inheritedResponsibilities(context.parsed, context.taxonomy, context.index, context.once(ownResponsibilitiesOf));

/**
 * What a role document holds through `inherits` (transitively) and does not list itself (`own`:
 * its `ownResponsibilities`), with the range of its `inherits` value, where findings about
 * inherited duties sit.
 */
export function inheritedResponsibilities(
  parsed: ParsedDocument,
  taxonomy: Taxonomy,
  index: RuleIndex,
  own: readonly { item: Responsibility }[] = ownResponsibilities(parsed, taxonomy),
): { from: string; range: Range; items: Responsibility[] } | undefined {
  if (parsed.kind !== 'role' || !isRecord(parsed.value) || typeof parsed.value.inherits !== 'string') return undefined;
  const node = nodeAt(parsed.yaml, ['inherits']);
  const range = isScalar(node) ? nodeRange(parsed.textDocument, node) : undefined;
  if (!range) return undefined;
  const seen = new Set(own.map(({ item }) => item.id));
  const items: Responsibility[] = [];
  for (const role of inheritedRoles(index, parsed.value.inherits)) {
    if (role.id === parsed.value.id) break; // a cycle back to this role: reporting-cycle says so
    for (const id of role.responsibilities) {
      const item = taxonomy.responsibility(id);
      if (!item || seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
  }
  return { from: parsed.value.inherits, range, items };
}

/** "Head of Product (rank 5) and Chief Product Officer (rank 6)". */
export function levelNames(levels: readonly { title: string; rank: number }[]): string {
  const names = [...levels].sort((a, b) => a.rank - b.rank).map((level) => `${level.title} (rank ${level.rank})`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `"id" (Title)`, for messages. */
export function named(item: Responsibility): string {
  return `"${item.id}" (${item.title})`;
}
