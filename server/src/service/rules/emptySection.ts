import { keyRange } from '../ast';
import type { FieldSchema } from '../schemas';
import type { Rule } from './rule';
import { fieldHint, fieldLabel, sentenceCase } from './wording';

export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A required field is present but empty.',
  defaultSeverity: 'warning',
  fixable: false,
  messages: {
    empty: '{field} is empty: {hint}.',
  },
  check(context) {
    const { parsed, schemas } = context;
    for (const { error, path } of context.schemaErrors) {
      if (!isEmptiness(error.keyword, error.data)) continue;
      const schema = schemas.resolve(error.parentSchema as FieldSchema);
      const range = keyRange(parsed, path);
      if (!range) continue;
      const hint = fieldHint(schema, context.index, context.uri) ?? 'fill it in or remove it';
      context.report({ range, messageId: 'empty', data: { field: sentenceCase(fieldLabel(path, parsed.value)), hint } });
    }
  },
};

/** An empty list, empty text or a key with no value: the section is there but says nothing. */
export function isEmptiness(keyword: string, data: unknown): boolean {
  if (keyword === 'minItems') return Array.isArray(data) && data.length === 0;
  if (keyword === 'minLength') return typeof data === 'string' && data.trim() === '';
  if (keyword === 'type') return data === null;
  return false;
}
