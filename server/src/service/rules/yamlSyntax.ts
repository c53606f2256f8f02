import { isAlias, isNode, visit, type Alias, type Document } from 'yaml';
import { toRange } from '../ast';
import { yamlText } from '../markdownDocument';
import type { ParsedDocument } from '../parse';
import { messageText, type Report, type Rule } from './rule';

/** Plain-words advice for the YAML errors people make while typing. */
const ADVICE: Record<string, string> = {
  DUPLICATE_KEY: 'a field appears twice in the same mapping: keep one',
  BAD_INDENT: 'check the indentation: fields of one mapping line up under each other',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MULTIPLE_DOCS: 'keep one document per file: move what follows "---" into a file of its own',
  MISSING_CHAR: 'a quote or bracket is not closed',
  BLOCK_AS_IMPLICIT_KEY: 'a key cannot span several lines: check for a missing colon or quote',
  MULTILINE_IMPLICIT_KEY: 'a key cannot span several lines: check for a missing colon or quote',
  UNEXPECTED_TOKEN: 'something here does not fit: check the colon, dash or indentation',
  BAD_ALIAS: 'an alias (*name) must point at an anchor (&name) defined above it',
  ALIAS_PROPS: 'an alias cannot carry a tag or anchor of its own',
  KEY_OVER_1024_CHARS: 'a key this long is not allowed: shorten it',
};

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  description: 'The file is not valid YAML.',
  defaultSeverity: 'error',
  fixable: false,
  messages: {
    syntax: 'YAML syntax: {detail}; {advice}.',
    unclosed: 'YAML syntax: this is opened but never closed: add the closing {closer}.',
    duplicateKey: 'YAML syntax: "{key}" appears twice in the same mapping: keep one.',
    refused: '{reason}.',
    unclosedFrontMatter: 'The front matter opened by "---" on line 1 is never closed: add a line "---" after its last field, before the text of the document.',
    aliases: 'The document expands its aliases too often to be read safely (more than {max} times): write the values out.',
    undefinedAlias:
      'YAML syntax: the alias "*{name}" is not defined: no value above it is marked "&{name}". Mark the value to repeat with "&{name}", or write the value out here.',
    aliasBeforeAnchor:
      'YAML syntax: the alias "*{name}" is used before it is defined: the value marked "&{name}" comes after it. Move that value above, or write the value out here.',
  },
  check(context) {
    reportSyntax(context.parsed, (report) => context.report(report));
  },
};

/** A problem of syntax as the preview's banner names it: the line (1-based) and this rule's message. */
export interface SyntaxProblem {
  line: number;
  message: string;
}

/** This rule's findings, in its words, whatever its severity or disable comments say. */
export function syntaxProblems(parsed: ParsedDocument): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  reportSyntax(parsed, (report) => problems.push({ line: report.range.start.line + 1, message: messageText(yamlSyntax, report) }));
  return problems;
}

function reportSyntax(parsed: ParsedDocument, report: (report: Report) => void): void {
  const textDocument = parsed.textDocument;
  // the YAML itself: a Markdown document's front matter, where every error lies
  const text = yamlText(parsed);
  if (parsed.refused) {
    // not analysed at all (docs/limits.md): one finding on the first line says why
    const firstLine = text.slice(0, Math.min(text.length, 200)).split(/\r?\n/)[0];
    report({ range: toRange(textDocument, 0, firstLine.length), messageId: 'refused', data: { reason: parsed.refused } });
    return;
  }
  if (parsed.markdown?.frontMatter === 'unclosed') {
    report({ range: toRange(textDocument, 0, 3), messageId: 'unclosedFrontMatter' });
    return;
  }
  for (const error of parsed.yaml.errors) {
    const detail = error.message
      .split('\n')[0]
      .replace(/ at line \d+, column \d+.*$/, '')
      .replace(/[.:]$/, '');
    const unclosed = /^Flow (sequence|map)/.exec(detail);
    const quote = /^Missing closing (["'])quote/.exec(detail);
    const opener = unclosed ? unclosedOpener(text, error.pos[0], unclosed[1] === 'map' ? '{' : '[') : quote ? text.lastIndexOf(quote[1], error.pos[0] - 1) : -1;
    if (opener >= 0) {
      const lineEnd = text.indexOf('\n', opener);
      const end = (lineEnd === -1 ? text.length : lineEnd) - (text[lineEnd - 1] === '\r' ? 1 : 0);
      const closer = unclosed ? (unclosed[1] === 'map' ? '}' : ']') : quote![1];
      report({ range: toRange(textDocument, opener, Math.max(end, opener + 1)), messageId: 'unclosed', data: { closer } });
      continue;
    }
    const [start, end] = tokenSpan(text, error.pos[0], error.pos[1]);
    const range = toRange(textDocument, start, Math.min(end, text.length));
    if (error.code === 'DUPLICATE_KEY') {
      report({ range, messageId: 'duplicateKey', data: { key: text.slice(start, end).replace(/^["']|["']$/g, '') } });
      continue;
    }
    report({ range, messageId: 'syntax', data: { detail, advice: ADVICE[error.code] ?? 'fix this before other checks can be trusted' } });
  }
  const undefinedAliases = parsed.tooManyAliases ? unresolvedAliases(parsed.yaml) : [];
  for (const { alias, later } of undefinedAliases) {
    const [start, end] = alias.range!;
    report({ range: toRange(textDocument, start, end), messageId: later ? 'aliasBeforeAnchor' : 'undefinedAlias', data: { name: alias.source } });
  }
  if (parsed.yaml.errors.length === 0 && parsed.tooManyAliases && undefinedAliases.length === 0) {
    const alias = /\*[A-Za-z0-9_-]+/.exec(text);
    const start = alias?.index ?? 0;
    report({ range: toRange(textDocument, start, start + (alias?.[0].length ?? 1)), messageId: 'aliases', data: { max: 100 } });
  }
}

/**
 * Aliases (`*name`) that repeat no value marked `&name` above them (the plain data cannot be built
 * then, which the parse records as `tooManyAliases`); `later` when the mark comes after the alias.
 */
function unresolvedAliases(yaml: Document.Parsed): { alias: Alias; later: boolean }[] {
  const above = new Set<string>(); // one walk in document order: an alias sees the marks before it
  const unresolved: Alias[] = [];
  visit(yaml, (_key, node) => {
    if (isAlias(node)) {
      if (node.range && !above.has(node.source)) unresolved.push(node);
    } else if (isNode(node) && node.anchor) {
      above.add(node.anchor);
    }
  });
  return unresolved.map((alias) => ({ alias, later: above.has(alias.source) }));
}

/**
 * The span to underline for an error that yaml reports at a point: the token that starts there,
 * or, when the point is past the content (an unclosed bracket found at the end), the last token
 * before it.
 */
function tokenSpan(text: string, start: number, end: number): [number, number] {
  if (end - start > 1) return [start, end];
  const from = Math.min(start, text.length);
  if (/^\s*$/.test(text.slice(from, text.indexOf('\n', from) === -1 ? undefined : text.indexOf('\n', from)))) {
    let last = from - 1;
    while (last >= 0 && /\s/.test(text[last])) last--;
    if (last < 0) return [0, Math.min(1, text.length)];
    let first = last;
    while (first > 0 && !/\s/.test(text[first - 1])) first--;
    return [first, last + 1];
  }
  const token = /^[^\s,\]}:]*/.exec(text.slice(from))?.[0] ?? '';
  return [from, from + Math.max(token.length, 1)];
}

/** The `[` or `{` before `offset` that no bracket closes. */
function unclosedOpener(text: string, offset: number, open: '[' | '{'): number {
  const close = open === '[' ? ']' : '}';
  let depth = 0;
  for (let index = Math.min(offset, text.length) - 1; index >= 0; index--) {
    if (text[index] === close) depth++;
    else if (text[index] === open) {
      if (depth === 0) return index;
      depth--;
    }
  }
  return -1;
}
