import type { Path } from '../ast';
import { isRecord } from '../schemas';
import type { Kind } from '../types';

/** One thing a document promises to measure: a role's goal, a key result or a success metric. */
export interface MeasuredEntry {
  /** The path of the entry itself (`['objectives', 0, 'keyResults', 1]`). */
  path: Path;
  entry: Record<string, unknown>;
  /** The field that names what is measured: `measure` for a goal, `metric` for the others. */
  metricKey: 'metric' | 'measure';
  /** What the entry is called in messages. */
  noun: 'goal' | 'key result' | 'success metric';
}

/** Every goal, key result or success metric of a document, in document order. */
export function measuredEntries(kind: Kind | undefined, value: unknown): MeasuredEntry[] {
  const found: MeasuredEntry[] = [];
  if (!isRecord(value)) return found;
  const collect = (list: unknown, prefix: Path, metricKey: MeasuredEntry['metricKey'], noun: MeasuredEntry['noun']) => {
    if (!Array.isArray(list)) return;
    list.forEach((entry, index) => {
      if (isRecord(entry)) found.push({ path: [...prefix, index], entry, metricKey, noun });
    });
  };
  if (kind === 'role') collect(value.goals, ['goals'], 'measure', 'goal');
  if (kind === 'charter') collect(value.successMetrics, ['successMetrics'], 'metric', 'success metric');
  if (kind === 'strategy' && Array.isArray(value.objectives)) {
    value.objectives.forEach((objective, index) => {
      if (isRecord(objective)) collect(objective.keyResults, ['objectives', index, 'keyResults'], 'metric', 'key result');
    });
  }
  return found;
}
