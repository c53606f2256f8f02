import { nodeAt, nodeRange, type Path } from '../ast';
import { replacementFix } from '../edits';
import { isId } from '../types';
import type { RuleContext } from './rule';

/**
 * Report an id that the taxonomy does not hold, with the nearest one as the suggestion and fix.
 * Shared by unknown-responsibility and unknown-skill; ids that are not kebab-case are left to
 * invalid-value.
 */
export function reportUnknownId(
  context: RuleContext,
  path: Path,
  id: string,
  known: { set: string; ids: readonly string[]; has: (id: string) => boolean; title: (id: string) => string | undefined },
): void {
  if (!isId(id) || known.has(id)) return;
  const node = nodeAt(context.parsed.yaml, path);
  const range = node && nodeRange(context.parsed.textDocument, node);
  if (!range) return;
  const suggestion = context.nearest(known.set, id, () => known.ids);
  context.report({
    range,
    messageId: suggestion ? 'suggestion' : 'unknown',
    data: { id, suggestion: suggestion ?? '', title: suggestion ? (known.title(suggestion) ?? '') : '' },
    fixes: replacementFix(context.parsed, node, suggestion),
  });
}
