import { keyRange, topRange } from '../ast';
import { proseSectionsUnder } from '../markdownDocument';
import { insertFields } from '../edits';
import { insertionSafety } from '../fixes';
import { isRecord, type FieldSchema } from '../schemas';
import { nearest } from '../suggest';
import type { Rule } from './rule';
import { fieldHint, ownerNoun } from './wording';

export const missingSection: Rule = {
  id: 'missing-section',
  description: 'A required field is absent.',
  defaultSeverity: 'error',
  fixable: true,
  messages: {
    missing: '{owner} is missing "{field}": {hint}.',
  },
  check(context) {
    const { parsed, schemas, kind } = context;
    const broken = parsed.yaml.errors.length > 0;
    for (const { error, path } of context.schemaErrors) {
      if (error.keyword !== 'required') continue;
      const key = (error.params as { missingProperty: string }).missingProperty;
      // a field written as `{}` is empty-section's to report, once, rather than each of its fields here
      if (isRecord(error.data) && Object.keys(error.data).length === 0 && typeof path[path.length - 1] === 'string') continue;
      // a syntax error can swallow the rest of the text: a key that is written down is not missing
      if (broken && hasKey(parsed.textDocument.getText(), key)) continue;
      // a conditional `required` (role level unless cross-functional) sits in a bare branch: read the field from the kind's schema
      const parentSchema = kind ? schemas.at(kind, path, parsed.value) : schemas.resolve(error.parentSchema as FieldSchema);
      const field = schemas.resolve(parentSchema?.properties?.[key]);
      const order = Object.keys(parentSchema?.properties ?? {});
      const placeholder = field?.['x-placeholder'];
      const edits = placeholder === undefined ? [] : insertFields(parsed, path, [{ key, value: placeholder }], order);
      // a misspelt key that unknown-field will rename is the better fix than a second, empty copy
      const misspelt = context.schemaErrors.some(
        (other) =>
          other.error.keyword === 'additionalProperties' &&
          JSON.stringify(other.path) === JSON.stringify(path) &&
          nearest((other.error.params as { additionalProperty: string }).additionalProperty, [key]) === key,
      );
      // a visible placeholder is safe; a plausible value (`level: pm`) is a guess for a person to confirm
      const safety = insertionSafety([placeholder]);
      // a Markdown document's missing prose section is reported where its fields begin, on the `kind:` line
      const sections = parsed.markdown && kind ? proseSectionsUnder(kind, [...path, key]) : [];
      const prose = sections.length > 0;
      const title = prose
        ? `Add the ${sections.map((section) => `"${section.headings[0]}"`).join(' and ')} section${sections.length > 1 ? 's' : ''}`
        : `Add "${key}"`;
      context.report({
        range: (prose ? topRange(parsed) : keyRange(parsed, path)) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        messageId: 'missing',
        data: { owner: ownerNoun(kind, path), field: key, hint: fieldHint(field, context.index, context.uri) ?? `add "${key}"` },
        fixes: edits.length ? [{ title, edits, safety, isPreferred: safety === 'safe' && !misspelt }] : [],
        section: { parentPath: path, key },
      });
    }
  },
};

/** Whether the text has a key named `key` anywhere: at the start of a line (also after `- `), or in a flow mapping. */
function hasKey(text: string, key: string): boolean {
  const name = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^[ \\t]*(?:-[ \\t]+)*|[{,][ \\t]*)(["']?)${name}\\1[ \\t]*:(?=\\s|$)`, 'm').test(text);
}
