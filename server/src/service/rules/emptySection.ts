import { keyRange, type Path } from '../ast';
import { valueAt } from '../markdownDocument';
import { isRecord, type FieldSchema } from '../schemas';
import { askedFor } from './missingAuthority';
import type { Rule } from './rule';
import { fieldHint, fieldLabel, sentenceCase } from './wording';

/** A charter's `scope.out`: empty-out-of-scope reports it empty, in every form. */
const OUT_OF_SCOPE = JSON.stringify(['scope', 'out']);

export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A required field, or a field the document gives, is present but empty.',
  defaultSeverity: 'warning',
  fixable: false,
  messages: {
    empty: '{field} is empty: {hint}.',
  },
  check(context) {
    const { parsed, schemas, kind } = context;
    // an optional field that another rule asks for (missing-authority) is reported once, by that
    // rule; so is a charter's empty `scope.out` (empty-out-of-scope)
    const asked = askedFor(context);
    const reported = new Set<string>();
    const report = (path: Path, parentSchema?: FieldSchema) => {
      const id = JSON.stringify(path);
      if (reported.has(id) || (asked !== undefined && path.length === 1 && path[0] === asked) || (kind === 'charter' && id === OUT_OF_SCOPE)) return;
      reported.add(id);
      const schema = (kind && schemas.at(kind, path, parsed.value)) || schemas.resolve(parentSchema);
      const hint =
        fieldHint(schema, context.index, context.uri) ?? fieldHint(schemas.resolve(parentSchema), context.index, context.uri) ?? 'fill it in or remove it';
      const range = keyRange(parsed, path);
      if (range) context.report({ range, messageId: 'empty', data: { field: sentenceCase(fieldLabel(path, parsed.value)), hint } });
    };
    for (const { error, path } of context.schemaErrors) {
      if (!isEmptiness(error.keyword, error.data)) continue;
      // a list entry written as `{}` is missing-section's: it names the field the entry lacks
      if (error.keyword === 'required' && typeof path[path.length - 1] !== 'string') continue;
      report(path, error.parentSchema as FieldSchema);
    }
    // a Markdown section with nothing under it is empty whether or not its field is required
    for (const heading of parsed.markdown?.headings ?? []) {
      if (heading.section && isEmptyValue(valueAt(parsed.value, heading.section.path))) report([...heading.section.path]);
    }
    // text of spaces only meets the schema's minimum length, so no schema error points at it
    if (kind) for (const path of blankStrings(parsed.value, [])) if (schemas.at(kind, path, parsed.value)) report(path);
  },
};

/**
 * Whether a schema error is about an empty value: nothing after the colon, text that is empty or
 * only spaces, `[]` or `{}`. Such values are empty-section's to report, not invalid-value's.
 */
export function isEmptiness(keyword: string, data: unknown): boolean {
  return keyword !== 'additionalProperties' && isEmptyValue(data);
}

export function isEmptyValue(data: unknown): boolean {
  if (data === null) return true;
  if (typeof data === 'string') return data.trim() === '';
  if (Array.isArray(data)) return data.length === 0;
  return isRecord(data) && Object.keys(data).length === 0;
}

/** The paths of every string in `value` that is empty or only spaces, in the order of the value. */
function blankStrings(value: unknown, path: Path, found: Path[] = []): Path[] {
  // one path, pushed and popped (a copy for each blank string): this walks the whole value of
  // every version of an edited document
  if (typeof value === 'string') {
    if (value.trim() === '') found.push([...path]);
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      blankStrings(value[index], path, found);
      path.pop();
    }
  } else if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      path.push(key);
      blankStrings(value[key], path, found);
      path.pop();
    }
  }
  return found;
}
