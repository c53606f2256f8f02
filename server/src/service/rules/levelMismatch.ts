import type { Responsibility, Taxonomy } from '../taxonomy';
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
    const tooSenior = (item: Responsibility) => lowestRank(item, taxonomy) - level.rank > MAX_GAP;
    for (const { item, range } of context.once(ownResponsibilitiesOf)) {
      if (!tooSenior(item)) continue;
      context.report({
        range,
        messageId: 'own',
        data: { responsibility: named(item), holders: levelNames(taxonomy.holdersOf(item)), level: level.title, rank: level.rank },
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

/** The lowest rank that typically holds it; held only by cross-functional roles (or no one), it is not ranked. */
function lowestRank(item: Responsibility, taxonomy: Taxonomy): number {
  const holders = taxonomy.holdersOf(item);
  return holders.length ? Math.min(...holders.map((holder) => holder.rank)) : -Infinity;
}
