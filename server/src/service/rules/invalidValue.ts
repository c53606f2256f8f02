import type { ErrorObject } from 'ajv';
import { fieldRange, nodeAt, type Path } from '../ast';
import { replacementFix } from '../edits';
import { isRecord, type FieldSchema } from '../schemas';
import { nearest, toKebabCase } from '../suggest';
import { ID_PATTERN } from '../types';
import { isEmptiness } from './emptySection';
import type { Rule, RuleContext } from './rule';
import { fieldHint, fieldLabel, listOf, sentenceCase, show } from './wording';

const HANDLED_ELSEWHERE = new Set(['required', 'additionalProperties', 'if', 'const']);

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping of fields',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

export const invalidValue: Rule = {
  id: 'invalid-value',
  description: 'A value of the wrong type, not one of the allowed choices, not a kebab-case id or not a YYYY-MM-DD date.',
  defaultSeverity: 'error',
  fixable: true,
  messages: {
    enumSuggestion: '{value} is not a valid {field}. Did you mean "{suggestion}"?',
    enum: '{value} is not a valid {field}: use one of {allowed}.',
    type: '{field} should be {expected}, not {actual}.',
    id: '{value} is not a valid id: use lowercase words joined by hyphens, like "{kebab}".',
    idHint: '{value} is not a valid id: {hint}.',
    idNoHint: '{value} is not a valid id: use lowercase words joined by hyphens.',
    date: '{value} is not a date: write it as YYYY-MM-DD, for example 2027-03-31.',
    range: '{value} is out of range for {field}: use a number from {min} to {max}.',
    rangeMin: '{value} is too small for {field}: use a number of {min} or more.',
    area: '"{value}" is not an area. Did you mean "{suggestion}"?',
    areaNoSuggestion: '"{value}" is not an area: use one of {allowed}, or add it to charters.config.yaml.',
    other: '{field} {detail}.',
  },
  check(context) {
    for (const schemaError of context.schemaErrors) {
      const { error, path } = schemaError;
      if (HANDLED_ELSEWHERE.has(error.keyword) || isEmptiness(error.keyword, error.data)) continue;
      reportSchemaError(context, error, path);
    }
    checkAreas(context);
  },
};

/** What a choice is a choice of, for "is not a valid status": the field's name. */
function choiceName(path: Path): string {
  const field = [...path].reverse().find((segment) => typeof segment === 'string');
  return field ?? 'value';
}

function reportSchemaError(context: RuleContext, error: ErrorObject, path: Path): void {
  const { parsed } = context;
  const range = fieldRange(parsed, path);
  if (!range) return;
  const label = fieldLabel(path, parsed.value);
  const node = nodeAt(parsed.yaml, path);
  const value = show(error.data);
  const schema = error.parentSchema as FieldSchema;
  switch (error.keyword) {
    case 'enum': {
      // a workspace can add levels (taxonomy.levels in its config): the schema lists the built-in ones only
      const isLevel = context.kind === 'role' && path.length === 1 && path[0] === 'level';
      if (isLevel && context.taxonomy.level(String(error.data))) return;
      const allowed = isLevel ? context.taxonomy.levels.map((level) => level.id) : (schema.enum ?? []).map(String);
      const suggestion = nearest(String(error.data), allowed);
      context.report({
        range,
        messageId: suggestion ? 'enumSuggestion' : 'enum',
        data: { value, field: choiceName(path), suggestion: suggestion ?? '', allowed: listOf(allowed, 10) },
        fixes: replacementFix(parsed, node, suggestion),
      });
      return;
    }
    case 'type': {
      const expected = ([] as string[])
        .concat(schema.type ?? [])
        .map((type) => TYPE_NAMES[type] ?? type)
        .join(' or ');
      const actual = Array.isArray(error.data) ? 'a list' : isRecord(error.data) ? 'a mapping' : typeof error.data === 'number' ? 'a number' : value;
      context.report({ range, messageId: 'type', data: { field: sentenceCase(label), expected, actual } });
      return;
    }
    case 'pattern': {
      if (schema.pattern === ID_PATTERN) {
        const kebab = toKebabCase(String(error.data));
        if (kebab) {
          context.report({ range, messageId: 'id', data: { value, kebab }, fixes: replacementFix(parsed, node, kebab) });
          return;
        }
        // nothing to make an id of: say what the field takes (no guess, which would change what it says)
        const hint = fieldHint(context.schemas.resolve(schema), context.index, context.uri);
        context.report({ range, messageId: hint ? 'idHint' : 'idNoHint', data: { value, hint: hint ?? '' } });
        return;
      }
      break;
    }
    case 'format':
      context.report({ range, messageId: 'date', data: { value } });
      return;
    case 'minimum':
    case 'maximum':
      context.report({
        range,
        messageId: schema.maximum === undefined ? 'rangeMin' : 'range',
        data: { value, field: label, min: schema.minimum ?? '…', max: schema.maximum ?? '…' },
      });
      return;
  }
  context.report({ range, messageId: 'other', data: { field: sentenceCase(label), detail: error.message ?? 'is not valid' } });
}

/** Areas can be added per workspace, so membership is checked here rather than by an enum. */
function checkAreas(context: RuleContext): void {
  const { parsed, taxonomy, kind } = context;
  if (kind !== 'role' || !isRecord(parsed.value) || !Array.isArray(parsed.value.responsibilities)) return;
  const areaIds = taxonomy.areas.map((area) => area.id);
  parsed.value.responsibilities.forEach((item, index) => {
    if (!isRecord(item) || typeof item.area !== 'string' || taxonomy.area(item.area)) return;
    const path = ['responsibilities', index, 'area'];
    const range = fieldRange(parsed, path);
    if (!range) return;
    const suggestion = context.nearest('taxonomy areas', item.area, () => areaIds);
    context.report({
      range,
      messageId: suggestion ? 'area' : 'areaNoSuggestion',
      data: { value: item.area, suggestion: suggestion ?? '', allowed: listOf(areaIds, 12) },
      fixes: replacementFix(parsed, nodeAt(parsed.yaml, path), suggestion),
    });
  });
}
