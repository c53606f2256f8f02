import { isScalar } from 'yaml';
import { fieldRange, nodeAt, type Path } from '../ast';
import { isRecord } from '../schemas';
import type { Rule } from './rule';

/** Where targets live, per kind: list fields whose entries carry a `target`. */
function targetPaths(kind: string, value: Record<string, unknown>): Path[] {
  const paths: Path[] = [];
  const entries = (list: unknown, prefix: Path) => {
    if (Array.isArray(list)) list.forEach((item, index) => isRecord(item) && 'target' in item && paths.push([...prefix, index, 'target']));
  };
  if (kind === 'role') entries(value.goals, ['goals']);
  if (kind === 'charter') entries(value.successMetrics, ['successMetrics']);
  if (kind === 'strategy' && Array.isArray(value.objectives)) {
    value.objectives.forEach((objective, index) => {
      if (isRecord(objective)) entries(objective.keyResults, ['objectives', index, 'keyResults']);
    });
  }
  return paths;
}

export const unmeasurableGoal: Rule = {
  id: 'unmeasurable-goal',
  description: 'A key result, goal or success metric whose `target` holds no number.',
  defaultSeverity: 'warning',
  fixable: false,
  messages: {
    noNumber: 'The target "{target}" holds no number, so nobody can tell when it is met: say how much, e.g. "40% of new teams" or "under 2 days".',
  },
  check(context) {
    const { parsed, kind } = context;
    if (!kind || !isRecord(parsed.value)) return;
    for (const path of targetPaths(kind, parsed.value)) {
      const node = nodeAt(parsed.yaml, path);
      const target = isScalar(node) ? node.value : undefined;
      if (typeof target !== 'string' || /\d/.test(target) || target.trim() === '') continue;
      const range = fieldRange(parsed, path);
      if (range) context.report({ range, messageId: 'noNumber', data: { target } });
    }
  },
};
