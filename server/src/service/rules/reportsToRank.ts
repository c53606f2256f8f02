import { isScalar } from 'yaml';
import { nodeAt, nodeRange } from '../ast';
import type { Rule } from './rule';
import { rankedLevel, roleTrack } from './roleFacts';

export const reportsToRank: Rule = {
  id: 'reports-to-rank',
  description: 'A role reports to a role of lower rank, or to an individual contributor of its own rank.',
  defaultSeverity: 'warning',
  fixable: false,
  readsWorkspace: true,
  messages: {
    lower:
      '"{manager}" is {managerLevel} (rank {managerRank}), below this role\'s {level} (rank {rank}): a role reports to someone more senior. Point "reportsTo" at the role that manages this one.',
    peer: '"{manager}" is {managerLevel} (rank {managerRank}), the same rank as this role, on the individual-contributor track: an IC peer does not manage people. Point "reportsTo" at the role that manages this one, such as its group PM.',
  },
  check(context) {
    const { parsed, taxonomy, index } = context;
    const level = rankedLevel(parsed, taxonomy);
    const node = nodeAt(parsed.yaml, ['reportsTo']);
    if (!level || !isScalar(node) || typeof node.value !== 'string') return;
    const manager = index.find('role', node.value)[0];
    // a role that names itself is reporting-cycle's finding
    if (!manager || manager.uri === context.uri || manager.track === 'cross-functional') return;
    const managerLevel = manager.level === undefined ? undefined : taxonomy.level(manager.level);
    if (!managerLevel) return; // no rank to compare
    const lower = managerLevel.rank < level.rank;
    const peer = managerLevel.rank === level.rank && roleTrack(manager, taxonomy) === 'ic';
    const range = nodeRange(parsed.textDocument, node);
    if ((!lower && !peer) || !range) return;
    context.report({
      range,
      messageId: lower ? 'lower' : 'peer',
      data: { manager: node.value, managerLevel: managerLevel.title, managerRank: managerLevel.rank, level: level.title, rank: level.rank },
    });
  },
};
