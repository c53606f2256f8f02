import { Document, isMap, isScalar, parseDocument } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isKind, type Kind } from './types';

/**
 * One parse of one version of a document. Everything downstream (rules, fixes, completion,
 * hover, the index) reads this; nothing mutates it.
 */
export interface ParsedDocument {
  readonly textDocument: TextDocument;
  readonly yaml: Document.Parsed;
  /** Plain data for schema validation; undefined when the tree cannot be converted. */
  readonly value: unknown;
  readonly kind: Kind | undefined;
  /** True when converting the tree was refused because aliases expand past the limit. */
  readonly tooManyAliases: boolean;
  readonly directives: Directives;
}

export interface Directives {
  /** line (0-based) -> rule ids silenced on that line; an empty set silences every rule. */
  readonly nextLine: ReadonlyMap<number, ReadonlySet<string>>;
  /** Rule ids silenced for the whole file; contains '*' when every rule is. */
  readonly file: ReadonlySet<string>;
}

/** Aliases beyond this many expansions are refused (a "billion laughs" document stays cheap). */
const MAX_ALIAS_COUNT = 100;

export function parse(textDocument: TextDocument): ParsedDocument {
  const text = textDocument.getText();
  const yaml = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  let value: unknown;
  let tooManyAliases = false;
  try {
    value = yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // alias bombs and broken anchors: yaml-syntax reports them
    tooManyAliases = true;
  }
  return { textDocument, yaml, value, kind: readKind(yaml), tooManyAliases, directives: readDirectives(text) };
}

function readKind(yaml: Document.Parsed): Kind | undefined {
  if (!isMap(yaml.contents)) return undefined;
  const node = yaml.contents.get('kind', true);
  return isScalar(node) && isKind(node.value) ? node.value : undefined;
}

const DIRECTIVE = /#\s*charters-disable-(next-line|file)\b([^\n]*)/;

function readDirectives(text: string): Directives {
  const nextLine = new Map<number, Set<string>>();
  const file = new Set<string>();
  if (!text.includes('charters-disable')) return { nextLine, file };
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const rules = match[2]
      .split(/[\s,]+/)
      .map((rule) => rule.trim())
      .filter((rule) => /^[a-z][a-z-]*$/.test(rule));
    if (match[1] === 'file') {
      if (rules.length === 0) file.add('*');
      rules.forEach((rule) => file.add(rule));
    } else {
      nextLine.set(index + 1, new Set(rules));
    }
  });
  return { nextLine, file };
}

export function isSilenced(directives: Directives, ruleId: string, line: number): boolean {
  if (directives.file.has('*') || directives.file.has(ruleId)) return true;
  const rules = directives.nextLine.get(line);
  return rules !== undefined && (rules.size === 0 || rules.has(ruleId));
}
