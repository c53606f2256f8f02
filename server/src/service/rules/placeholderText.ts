import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { nodeRange, type Path } from '../ast';
import type { FieldSchema } from '../schemas';
import type { Rule } from './rule';

/**
 * What templates, snippets and fixes insert, and what people type for "fill in later". Each pattern
 * is written so that prose mentioning the word ("Reduce TODO debt") is not a placeholder; the rule
 * page lists the exact cases.
 */
const PLACEHOLDERS: readonly RegExp[] = [
  // the whole text is a marker, in any case, maybe with punctuation: `TODO`, `tbd`, `(TBD)`, `FIXME!`
  /^[\s\p{P}]*(todo|tbd|fixme|xxx)[\s\p{P}]*$/iu,
  // a marker that opens the text: `TODO a duty of this team's own`, `TODO: why`, `[TODO] owner`; any case before a colon
  /^[\s([{"'*_-]*(TODO|TBD|FIXME|XXX)(?![\p{L}\p{N}_])/u,
  /^[\s([{"'*_-]*(todo|tbd|fixme|xxx)\s*:/iu,
  // TODO later in the text only with a colon or in brackets: `Owner: TODO: ask Sam`, `Payouts (TODO)`
  /(?<![\p{L}\p{N}_])(TODO)(?=\s*:)/u,
  /[[(](TODO)[\])]/u,
  // TBD, FIXME and XXX in capitals anywhere: `Launch date TBD`, `Reach XXX merchants`
  /(?<![\p{L}\p{N}_])(TBD|FIXME|XXX)(?![\p{L}\p{N}_])/u,
  /(lorem\s+ipsum)/iu,
  // a name in angle brackets: `<role title>`, `<…>`; not `< 2 days`, an e-mail address or a link
  /(<(?:…|\.{3}|\p{L}[\p{L}\p{N} _'’…-]*)>)/u,
  // an ellipsis alone
  /^\s*(…+|\.{3,})\s*$/u,
];

/** Every pattern above needs one of these: most text has none, and skips the nine patterns. */
const MAY_HOLD_ONE = /todo|tbd|fixme|xxx|lorem|[<…]|\.\.\./i;

/** The placeholder `text` still holds, as written, or undefined. */
export function findPlaceholder(text: string): string | undefined {
  if (!MAY_HOLD_ONE.test(text)) return undefined;
  for (const pattern of PLACEHOLDERS) {
    const match = pattern.exec(text);
    if (match) return match[1];
  }
  return undefined;
}

/** Free text: a string the schema does not constrain to an id, a choice, a pattern or a date. */
function isText(schema: FieldSchema | undefined): boolean {
  if (schema?.type !== 'string') return false;
  return schema.pattern === undefined && schema.enum === undefined && schema.const === undefined && !(schema as { format?: string }).format;
}

export const placeholderText: Rule = {
  id: 'placeholder-text',
  description: 'A text value still holds a placeholder (TODO, TBD, FIXME, XXX, lorem ipsum, <…> or … alone).',
  defaultSeverity: 'warning',
  fixable: false,
  messages: {
    placeholder: '"{field}" still holds the placeholder "{placeholder}": {hint}.',
  },
  check(context) {
    const { parsed, schemas, kind } = context;
    if (!kind) return;
    // one path, pushed and popped as the walk goes (a copy is made only for a finding): the walk
    // visits every node of the document, on every version of an edited one
    const path: Path = [];
    const visit = (node: Node | null | undefined): void => {
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? pair.key.value : undefined;
          // a target without a number is unmeasurable-goal's, placeholder or not
          if (typeof key !== 'string' || key === 'target') continue;
          path.push(key);
          visit(pair.value as Node | null);
          path.pop();
        }
      } else if (isSeq(node)) {
        const items = node.items;
        for (let index = 0; index < items.length; index++) {
          path.push(index);
          visit(items[index] as Node | null);
          path.pop();
        }
      } else if (isScalar(node) && typeof node.value === 'string') {
        const placeholder = findPlaceholder(node.value);
        if (placeholder === undefined) return;
        const at = [...path];
        if (!isText(schemas.at(kind, at, parsed.value))) return;
        // an entry of a list is named, and hinted, by its list
        const named = typeof at[at.length - 1] === 'number' ? at.slice(0, -1) : at;
        const field = String([...named].reverse().find((segment) => typeof segment === 'string') ?? 'value');
        const hint = schemas.at(kind, named, parsed.value)?.['x-hint'] ?? 'write what it stands for';
        const range = nodeRange(parsed.textDocument, node);
        if (range) context.report({ range, messageId: 'placeholder', data: { field, placeholder, hint } });
      }
    };
    visit(parsed.yaml.contents as Node | null);
  },
};
