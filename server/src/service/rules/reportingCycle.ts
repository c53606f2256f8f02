import { isMap, isScalar } from 'yaml';
import { nodeAt, nodeRange } from '../ast';
import type { Rule } from './rule';

const LINKS = ['reportsTo', 'inherits'] as const;

export const reportingCycle: Rule = {
  id: 'reporting-cycle',
  description: '`reportsTo` (or `inherits`) links form a cycle.',
  defaultSeverity: 'error',
  fixable: false,
  readsWorkspace: true,
  messages: {
    self: 'A role cannot name itself in "{field}": point it at another role, or remove it.',
    cycle: '"{field}" goes round in a circle: {chain}. Break the loop at one of these roles.',
  },
  check(context) {
    const { parsed, index, kind } = context;
    const root = parsed.yaml.contents;
    if (kind !== 'role' || !isMap(root)) return;
    const idNode = nodeAt(parsed.yaml, ['id']);
    const id: unknown = isScalar(idNode) ? idNode.value : undefined;
    if (typeof id !== 'string') return;
    for (const field of LINKS) {
      const node = nodeAt(parsed.yaml, [field]);
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const range = nodeRange(parsed.textDocument, node);
      if (!range) continue;
      if (node.value === id) {
        context.report({ range, messageId: 'self', data: { field } });
        continue;
      }
      const chain: string[] = [id, node.value];
      const seen = new Set(chain);
      let current: string | undefined = node.value;
      while (current !== undefined) {
        const next: string | undefined = index.find('role', current)[0]?.[field];
        if (next === undefined) break;
        chain.push(next);
        if (next === id) {
          context.report({ range, messageId: 'cycle', data: { field, chain: chain.join(' → ') } });
          break;
        }
        if (seen.has(next)) break; // a loop further up that does not pass through this role
        seen.add(next);
        current = next;
      }
    }
  },
};
