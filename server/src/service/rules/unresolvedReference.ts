import { isScalar } from 'yaml';
import { nodeAt } from '../ast';
import { replacementFix } from '../edits';
import { isId } from '../types';
import { collectReferences, namesExternalRoles } from '../workspace';
import type { Rule } from './rule';

export const unresolvedReference: Rule = {
  id: 'unresolved-reference',
  description: 'A role, vision or strategy id that no document in the workspace has.',
  defaultSeverity: 'error',
  fixable: true,
  readsWorkspace: true,
  messages: {
    suggestion: 'No {kind} in the workspace has id "{id}". Did you mean "{suggestion}"?',
    unknown: 'No {kind} in the workspace has id "{id}": create that {kind}, or check the spelling.',
  },
  check(context) {
    const { parsed, index, schemas, externalRoles } = context;
    const external = namesExternalRoles(context.kind) ? externalRoles : new Map();
    for (const reference of collectReferences(parsed, schemas)) {
      if (!isId(reference.id) || index.find(reference.kind, reference.id).length > 0) continue;
      if (reference.kind === 'role' && external.has(reference.id)) continue;
      const suggestion = context.nearest(`${reference.kind} ids`, reference.id, () => {
        const ids = new Set<string>(reference.kind === 'role' ? external.keys() : []);
        for (const summary of index.documents(reference.kind)) if (summary.id) ids.add(summary.id);
        return ids;
      });
      // a duplicated key has two scalars at one path: fix only the one this finding is about
      const node = nodeAt(parsed.yaml, reference.path);
      const target = isScalar(node) && node.value === reference.id ? node : undefined;
      context.report({
        range: reference.range,
        messageId: suggestion ? 'suggestion' : 'unknown',
        data: { kind: reference.kind, id: reference.id, suggestion: suggestion ?? '' },
        fixes: replacementFix(parsed, target, suggestion),
        // a document of that kind and id is what is missing: the editor offers to create it, unless
        // the id is an external role (a ladder rung naming one needs a role document, not a stub)
        ...(reference.kind === 'role' && externalRoles.has(reference.id) ? {} : { missingDocument: { kind: reference.kind, id: reference.id } }),
      });
    }
  },
};
