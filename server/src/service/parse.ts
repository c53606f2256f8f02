import { Document, isMap, isScalar, parseDocument } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IncrementalState } from './incrementalParse';
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
  /**
   * Why the document was not analysed at all (too large, too many lines, nested too deep): `yaml`
   * is then an empty document, and yaml-syntax reports this sentence. See docs/limits.md.
   */
  readonly refused?: string;
  readonly directives: Directives;
  /** What an incremental parse of the next version may reuse; absent after a plain `parse`. */
  readonly incremental?: IncrementalState;
}

export interface Directives {
  /** line (0-based) -> rule ids silenced on that line; an empty set silences every rule. */
  readonly nextLine: ReadonlyMap<number, ReadonlySet<string>>;
  /** Rule ids silenced for the whole file; contains '*' when every rule is. */
  readonly file: ReadonlySet<string>;
}

/** Aliases beyond this many expansions are refused (a "billion laughs" document stays cheap). */
export const MAX_ALIAS_COUNT = 100;

/** How every charter document is parsed (incrementalParse.ts parses its blocks with the same). */
export const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: true,
  prettyErrors: false,
  keepSourceTokens: false,
  // not 'warn': yaml would call process.emitWarning for a key that is a collection, which the
  // server logs as an error on every keystroke; such keys are reported as findings instead
  logLevel: 'error',
} as const;

/**
 * Documents beyond these are not analysed (docs/limits.md): a real product document is a few
 * hundred lines; these keep a pasted log or a generated file from freezing the editor.
 */
export const LIMITS = { characters: 2_000_000, lines: 50_000, depth: 200 } as const;

export function parse(textDocument: TextDocument): ParsedDocument {
  const text = textDocument.getText();
  const refused = refusal(text);
  const yaml = parseDocument(refused ? '' : text, YAML_OPTIONS);
  let value: unknown;
  let tooManyAliases = false;
  try {
    value = yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // alias bombs and broken anchors: yaml-syntax reports them
    tooManyAliases = true;
  }
  const directives = refused ? { nextLine: new Map(), file: new Set<string>() } : readDirectives(text);
  return { textDocument, yaml, value, kind: readKind(yaml), tooManyAliases, directives, ...(refused ? { refused } : {}) };
}

export function refusal(text: string): string | undefined {
  if (text.length > LIMITS.characters) {
    return `The file is too large to check (${(text.length / 1e6).toFixed(1)} million characters; the limit is ${LIMITS.characters / 1e6} million): split it into one document per file`;
  }
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  if (lines > LIMITS.lines) return `The file has too many lines to check (${lines}; the limit is ${LIMITS.lines}): split it into one document per file`;
  const depth = nestingDepth(text, LIMITS.depth);
  if (depth > LIMITS.depth) return `The file nests lists and mappings too deeply to check (more than ${LIMITS.depth} levels): flatten it`;
  return undefined;
}

const BLOCK_SCALAR = /(^|[\s:])[|>][-+0-9]*[ \t]*(#.*)?\r?$/;

/**
 * A cheap upper estimate of how deep the document nests, read from the text before parsing
 * (parsing a very deep document is what costs): block levels from indentation and compact
 * `- - ` / `? ` indicators, flow levels from brackets outside quotes and comments. Stops past `max`.
 */
function nestingDepth(text: string, max: number): number {
  let deepest = 0;
  let flow = 0;
  const indents: number[] = [];
  let scalarIndent = -1; // inside a block scalar (`|`, `>`) opened on a line of this indentation
  for (const line of text.split('\n')) {
    let at = 0;
    let block = 0;
    if (flow === 0) {
      while (line[at] === ' ') at++;
      if (at === line.length || line[at] === '#' || line[at] === '\r') continue;
      if (scalarIndent >= 0 && at > scalarIndent) continue;
      scalarIndent = BLOCK_SCALAR.test(line) ? at : -1;
      while (indents.length && indents[indents.length - 1] >= at) indents.pop();
      indents.push(at);
      while ((line[at] === '-' || line[at] === '?') && (line[at + 1] === ' ' || at + 1 === line.length)) {
        block++;
        at += 2;
        while (line[at] === ' ') at++;
      }
    }
    let valueStart = true; // outside flow, a bracket opens a collection only where a value starts
    for (; at < line.length; at++) {
      const char = line[at];
      if (char === '#' && (at === 0 || line[at - 1] === ' ' || line[at - 1] === '\t')) break;
      if ((char === '"' || char === "'") && (flow > 0 || valueStart)) {
        at = closingQuote(line, at, char);
        valueStart = false;
        continue;
      }
      if ((char === '[' || char === '{') && (flow > 0 || valueStart)) flow++;
      else if ((char === ']' || char === '}') && flow > 0) flow--;
      else if (char !== ' ' && char !== '\t') valueStart = flow === 0 && char === ':' ? true : char === '-' && valueStart;
      deepest = Math.max(deepest, indents.length + block + flow);
      if (deepest > max) return deepest;
    }
    deepest = Math.max(deepest, indents.length + block + flow);
    if (deepest > max) return deepest;
  }
  return deepest;
}

function closingQuote(line: string, from: number, quote: string): number {
  for (let at = from + 1; at < line.length; at++) {
    if (quote === '"' && line[at] === '\\') at++;
    else if (line[at] === quote) {
      if (quote === "'" && line[at + 1] === "'") at++;
      else return at;
    }
  }
  return line.length; // a quoted scalar that goes on to the next line: good enough for an estimate
}

export function readKind(yaml: Document.Parsed): Kind | undefined {
  if (!isMap(yaml.contents)) return undefined;
  const node = yaml.contents.get('kind', true);
  return isScalar(node) && isKind(node.value) ? node.value : undefined;
}

const DIRECTIVE = /#\s*charters-disable-(next-line|file)\b([^\n]*)/;

export function readDirectives(text: string): Directives {
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
