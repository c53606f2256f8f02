import { keyRange, pairAt } from '../ast';
import { renameKey } from '../edits';
import type { FieldSchema } from '../schemas';
import { nearest } from '../suggest';
import type { Rule } from './rule';
import { listOf, ownerNoun } from './wording';

export const unknownField: Rule = {
  id: 'unknown-field',
  description: 'A field that this kind of document does not have; the nearest known field is suggested.',
  defaultSeverity: 'warning',
  fixable: true,
  messages: {
    suggestion: '{owner} has no field "{field}". Did you mean "{suggestion}"?',
    unknown: '{owner} has no field "{field}": remove it, or use one of {fields}.',
  },
  check(context) {
    const { parsed, schemas, kind } = context;
    for (const { error, path } of context.schemaErrors) {
      if (error.keyword !== 'additionalProperties') continue;
      const field = (error.params as { additionalProperty: string }).additionalProperty;
      const fieldPath = [...path, field];
      const range = keyRange(parsed, fieldPath);
      if (!range) continue;
      const parentSchema = schemas.resolve(error.parentSchema as FieldSchema);
      const present = new Set(Object.keys((error.data as Record<string, unknown>) ?? {}));
      const candidates = Object.keys(parentSchema?.properties ?? {}).filter((key) => !present.has(key));
      const suggestion = nearest(field, candidates);
      const pair = pairAt(parsed.yaml, fieldPath);
      const edit = suggestion && pair ? renameKey(parsed, pair, suggestion) : undefined;
      context.report({
        range,
        messageId: suggestion ? 'suggestion' : 'unknown',
        data: { owner: ownerNoun(kind, path), field, suggestion: suggestion ?? '', fields: listOf(candidates.map((key) => `"${key}"`)) },
        fixes: edit ? [{ title: `Rename to "${suggestion}"`, edits: [edit], isPreferred: true }] : [],
      });
    }
  },
};
