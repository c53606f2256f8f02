import { topRange } from '../ast';
import { insertFields } from '../edits';
import { insertionSafety } from '../fixes';
import { isRecord } from '../schemas';
import { nearest } from '../suggest';
import type { Fix } from '../types';
import type { Rule, RuleContext } from './rule';

export const missingAuthority: Rule = {
  id: 'missing-authority',
  description: 'A role of rank 2 (pm) or above states no `authority`, or a charter states no `decisionRights`.',
  defaultSeverity: 'warning',
  fixable: true,
  messages: {
    role: 'A {level} role makes decisions: add "authority" with the decisions this role owns.',
    charter: 'The charter does not say who decides what: add "decisionRights" naming the owner of each key decision.',
  },
  check(context) {
    const { parsed, kind, taxonomy } = context;
    const field = askedFor(context);
    if (!field || !isRecord(parsed.value) || isStated(parsed.value[field])) return;
    const value = parsed.value;
    if (kind === 'role') {
      const level = typeof value.level === 'string' ? value.level : undefined;
      context.report({
        range: topRange(parsed),
        messageId: 'role',
        data: { level: taxonomy.level(level ?? '')?.title ?? String(level) },
        fixes: addField(context, 'authority'),
        section: { parentPath: [], key: 'authority' },
      });
    } else {
      context.report({
        range: topRange(parsed),
        messageId: 'charter',
        fixes: addField(context, 'decisionRights'),
        section: { parentPath: [], key: 'decisionRights' },
      });
    }
  },
};

/** The top-level field this rule asks the document for: `authority` from rank 2 up, a charter's `decisionRights`. */
export function askedFor(context: RuleContext): string | undefined {
  const { parsed, kind, taxonomy } = context;
  if (kind === 'charter') return 'decisionRights';
  if (kind !== 'role' || !isRecord(parsed.value)) return undefined;
  const level = parsed.value.level;
  const rank = taxonomy.rank(typeof level === 'string' ? level : undefined);
  return rank !== undefined && rank >= 2 ? 'authority' : undefined;
}

function isStated(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function addField(context: RuleContext, key: string): Fix[] {
  const { parsed, schemas, kind } = context;
  if (!kind || key in (parsed.value as Record<string, unknown>)) return [];
  const root = schemas.resolve(schemas.root(kind));
  const placeholder = schemas.resolve(root?.properties?.[key])?.['x-placeholder'];
  if (placeholder === undefined) return [];
  const edits = insertFields(parsed, [], [{ key, value: placeholder }], Object.keys(root?.properties ?? {}));
  if (edits.length === 0) return [];
  const safety = insertionSafety([placeholder]);
  // a misspelt key that unknown-field will rename is the better fix than a second, empty copy
  const misspelt = context.schemaErrors.some(
    ({ error, path }) =>
      error.keyword === 'additionalProperties' &&
      path.length === 0 &&
      nearest((error.params as { additionalProperty: string }).additionalProperty, [key]) === key,
  );
  return [{ title: `Add "${key}"`, edits, safety, isPreferred: safety === 'safe' && !misspelt }];
}
