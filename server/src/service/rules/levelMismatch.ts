import type { Level, Responsibility, Taxonomy } from '../taxonomy';
import type { Rule } from './rule';
import { inheritedResponsibilitiesOf, levelNames, named, ownResponsibilitiesOf, rankedLevel } from './roleFacts';
import { listOf } from './wording';

/** How far below the lowest level that typically holds a responsibility a role may sit. */
const MAX_GAP = 1;

export const levelMismatch: Rule = {
  id: 'level-mismatch',
  description: "A role holds a responsibility that the taxonomy gives only to levels two or more ranks above the role's level.",
  defaultSeverity: 'warning',
  fixable: false,
  readsWorkspace: true,
  messages: {
    own: "{responsibility} is work for {holders}, and this role is {level} (rank {rank}). Give it to a more senior role, or raise this role's level if it really does this work.",
    inherited:
      'Through "inherits: {from}" this {level} (rank {rank}) holds work for levels at least two ranks up: {responsibilities}. Inherit from a role nearer this level, or list only the duties this role keeps.',
  },
  check(context) {
    const { parsed, taxonomy } = context;
    const level = rankedLevel(parsed, taxonomy);
    if (!level) return;
    const tooSenior = (item: Responsibility) => holders(item, taxonomy).lowest - level.rank > MAX_GAP;
    for (const { item, range } of context.once(ownResponsibilitiesOf)) {
      if (!tooSenior(item)) continue;
      context.report({
        range,
        messageId: 'own',
        data: { responsibility: named(item), holders: holders(item, taxonomy).names, level: level.title, rank: level.rank },
      });
    }
    const inherited = context.once(inheritedResponsibilitiesOf);
    const found = inherited?.items.filter(tooSenior) ?? [];
    if (!inherited || found.length === 0) return;
    context.report({
      range: inherited.range,
      messageId: 'inherited',
      data: { from: inherited.from, level: level.title, rank: level.rank, responsibilities: listOf(found.map(named), 4) },
    });
  },
};

/**
 * The levels that typically hold a responsibility: the lowest rank among them (held only by
 * cross-functional roles, or by no one, it is not ranked: -Infinity) and their names for messages.
 * Worked out once per list: the taxonomy keeps one list of holders per responsibility, never
 * changed, and a large lint asks about the same few responsibilities thousands of times.
 */
const HOLDERS = new WeakMap<readonly Level[], { lowest: number; names: string }>();
function holders(item: Responsibility, taxonomy: Taxonomy): { lowest: number; names: string } {
  const levels = taxonomy.holdersOf(item);
  let known = HOLDERS.get(levels);
  if (!known) {
    known = { lowest: levels.length ? Math.min(...levels.map((level) => level.rank)) : -Infinity, names: levelNames(levels) };
    HOLDERS.set(levels, known);
  }
  return known;
}
