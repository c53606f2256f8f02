import type { Rule } from './rule';
import { ladderTracks } from './ladderTracks';

export const ladderOrder: Rule = {
  id: 'ladder-order',
  description: "A ladder track lists its roles out of the taxonomy's rank order (lowest first).",
  defaultSeverity: 'warning',
  fixable: false,
  readsWorkspace: true,
  messages: {
    order:
      '"{role}" ({level}, rank {rank}) comes after "{previous}" ({previousLevel}, rank {previousRank}) in track "{track}": list a track\'s roles lowest rank first.',
  },
  check(context) {
    const { parsed, index, taxonomy } = context;
    for (const track of ladderTracks(parsed)) {
      let previous: { roleId: string; level: string; rank: number } | undefined;
      for (const entry of track) {
        const level = index.find('role', entry.roleId)[0]?.level;
        const rank = taxonomy.rank(level);
        if (level === undefined || rank === undefined) continue; // cross-functional or unresolved: no rank to compare
        if (previous && rank < previous.rank) {
          context.report({
            range: entry.range,
            messageId: 'order',
            data: {
              role: entry.roleId,
              level,
              rank,
              previous: previous.roleId,
              previousLevel: previous.level,
              previousRank: previous.rank,
              track: entry.trackId,
            },
          });
        }
        previous = { roleId: entry.roleId, level, rank };
      }
    }
  },
};
