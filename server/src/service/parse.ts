import { Composer, type Document, isCollection, isMap, isScalar, isSeq, Lexer, parseDocument, Parser, YAMLParseError } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fastParseYaml } from './fastYaml';
import type { IncrementalState } from './incrementalParse';
import { isMarkdownDocument } from './kinds';
import { parseMarkdown, type MarkdownParts } from './markdownDocument';
import { lazyStyle, type Style } from './style';
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
  /**
   * The document's indentation unit, list style and line ending (style.ts), computed when first
   * asked and then kept: the fixes of one version, and completion, share it.
   */
  readonly style: () => Style;
  /** What an incremental parse of the next version may reuse; absent after a plain `parse`. */
  readonly incremental?: IncrementalState;
  /** For a Markdown document (`*.role.md`): its front matter and body; `yaml` is then the front matter. */
  readonly markdown?: MarkdownParts;
}

/**
 * The disable comments of a document (docs/configuration.md), read from the YAML's own comment
 * tokens: a `#` inside a quoted string or a block scalar is text, never a directive.
 */
export interface Directives {
  /** Every `charters-disable…` / `charters-enable` comment, in the order of the text. */
  readonly comments: readonly DirectiveComment[];
  /** What the comments silence: one entry per rule token (or `*`) of each disable comment. */
  readonly silences: readonly Silence[];
}

export type DirectiveForm = 'disable-next-line' | 'disable-file' | 'disable' | 'enable';

export interface DirectiveComment {
  readonly form: DirectiveForm;
  readonly line: number;
  /** Characters of the comment on its line, from its `#` to its end (a `\r` not included). */
  readonly start: number;
  readonly end: number;
  /** Whether code comes before the comment on its line. */
  readonly trailing: boolean;
  /** The words between the form and `--` (or the end), each with its characters on the line. */
  readonly tokens: readonly DirectiveToken[];
}

export interface DirectiveToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Findings of `rule` on lines `from` to `to` (inclusive) are silenced by `comments[comment]`.
 * `rule` is a token as written, matched against finding codes exactly (a token that is not a rule
 * id silences nothing), or null for a comment without tokens: every rule but disable-directive,
 * whose findings only a comment naming it silences. `closedBy` is the enable comment that ended a range.
 */
export interface Silence {
  readonly rule: string | null;
  readonly from: number;
  readonly to: number;
  readonly comment: number;
  readonly closedBy?: number;
}

export const NO_DIRECTIVES: Directives = { comments: [], silences: [] };

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
  return isMarkdownDocument(textDocument.uri) ? parseMarkdown(textDocument, parseYaml) : parseYaml(textDocument);
}

/** A YAML document (or the front matter of a Markdown one, given as YAML in the file's coordinates). */
export function parseYaml(textDocument: TextDocument): ParsedDocument {
  const text = textDocument.getText();
  let refused = refusal(text);
  // the block subset most documents are written in, without yaml's lexer and composer (fastYaml.ts)
  const fast = refused ? undefined : fastParseYaml(text, YAML_OPTIONS);
  const tokens = fast || refused ? undefined : [...new Parser().parse(text)];
  if (tokens && cstDepth(tokens) > MAX_SYNTAX_DEPTH) refused = TOO_DEEP;
  const yaml = fast?.yaml ?? (refused ? parseDocument('', YAML_OPTIONS) : compose(tokens!, text));
  let value: unknown = fast?.value;
  let tooManyAliases = false;
  if (!fast) {
    try {
      value = toValue(yaml, text);
    } catch {
      // alias bombs and broken anchors: yaml-syntax reports them
      tooManyAliases = true;
    }
  }
  const directives = refused ? NO_DIRECTIVES : readDirectives(textDocument);
  return { textDocument, yaml, value, kind: readKind(yaml), tooManyAliases, directives, style: lazyStyle(text), ...(refused ? { refused } : {}) };
}

/**
 * How deep yaml's syntax tree may nest. Broken lines can make yaml's parser nest every following
 * line one level deeper (a 2,240-line charter, the fuzzer's seed 47 round 319), and composing such
 * a tree recurses until the stack runs out, at a depth that depends on how deep the stack already
 * was: the same text then got different findings in the editor's re-parse and in a fresh one. The
 * tree's depth is measured first, without recursion, and a text past this bound is refused like
 * one that nests too deeply (`LIMITS.depth` levels of the text itself are always below it).
 */
const MAX_SYNTAX_DEPTH = 4 * LIMITS.depth;
const TOO_DEEP = `The YAML cannot be read past a broken line: every line after it nests deeper than the one before (more than ${MAX_SYNTAX_DEPTH} levels). Look above for an unclosed bracket or quote, or a line that lost its indentation, and fix it`;

type Token = ReturnType<Parser['parse']> extends Generator<infer T> ? T : never;

/** The depth of yaml's syntax tree, walked with a stack of its own. */
function cstDepth(tokens: readonly Token[]): number {
  let deepest = 0;
  const pending: [unknown, number][] = tokens.map((token) => [token, 1]);
  while (pending.length) {
    const [token, depth] = pending.pop()!;
    if (typeof token !== 'object' || token === null) continue;
    if (depth > deepest) deepest = depth;
    const { value, items } = token as { value?: unknown; items?: unknown[] };
    if (typeof value === 'object') pending.push([value, depth + 1]);
    for (const item of items ?? []) {
      if ((item as { type?: unknown }).type !== undefined) pending.push([item, depth + 1]);
      else {
        const { key, value: itemValue } = item as { key?: unknown; value?: unknown };
        pending.push([key, depth + 1], [itemValue, depth + 1]);
      }
    }
  }
  return deepest;
}

/** What `parseDocument(text, YAML_OPTIONS)` does, from the parser's tokens. */
function compose(tokens: readonly Token[], text: string): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(YAML_OPTIONS).compose(tokens, true, text.length)) {
    if (!doc) doc = next as Document.Parsed;
    else {
      doc.errors.push(
        new YAMLParseError(
          next.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  return doc ?? parseDocument(text, YAML_OPTIONS);
}

/**
 * yaml's `toJS` of the document, except where a mapping's key is itself a collection, as a broken
 * line makes of the list before it (`owner: pro  # x` inside a long list): yaml names such a field
 * by writing its key out as YAML, and when the keys inside that key are collections in turn, it
 * writes them out again at every level, which took seconds on a 2,200-line charter with one such
 * line (the fuzzer's round 302, seed 47). Here a collection key is named by its first line in the
 * text; yaml-syntax reports the line either way. The rest is what `toJS` gives; a document with an
 * alias as well goes to `toJS` (which counts alias expansions).
 */
function toValue(yaml: Document.Parsed, text: string): unknown {
  if (!hasCollectionKey(yaml.contents)) return yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  const plain = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isScalar(node)) {
      if (typeof node.value === 'object' && node.value !== null) throw new NotPlain();
      return node.value;
    }
    if (isSeq(node)) return node.items.map(plain);
    if (!isMap(node)) throw new NotPlain(); // an alias
    const out: Record<string, unknown> = {};
    for (const { key, value } of node.items) {
      const name = isCollection(key) ? collectionKeyName(key, text) : plain(key);
      Object.defineProperty(out, name === null ? '' : String(name), { value: plain(value), writable: true, enumerable: true, configurable: true });
    }
    return out;
  };
  try {
    return plain(yaml.contents);
  } catch (error) {
    if (error instanceof NotPlain) return yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    throw error;
  }
}

class NotPlain extends Error {}

function hasCollectionKey(root: unknown): boolean {
  const pending = [root];
  while (pending.length) {
    const node = pending.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isCollection(pair.key)) return true;
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    }
  }
  return false;
}

/** A collection used as a key, named by its first line in the text (at most 200 characters). */
function collectionKeyName(key: { range?: readonly number[] | null }, text: string): string {
  const start = key.range?.[0] ?? 0;
  const end = key.range?.[1] ?? start;
  const lineEnd = text.indexOf('\n', start);
  return text.slice(start, Math.min(end, lineEnd === -1 ? text.length : lineEnd, start + 200)).trim();
}

export function refusal(text: string): string | undefined {
  if (text.length > LIMITS.characters) {
    return `The file is too large to check (${(text.length / 1e6).toFixed(1)} million characters; the limit is ${LIMITS.characters / 1e6} million): split it into one document per file`;
  }
  let lines = 1;
  let longest = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    lines++;
    if (index - lineStart > longest) longest = index - lineStart;
    lineStart = index + 1;
  }
  if (text.length - lineStart > longest) longest = text.length - lineStart;
  if (lines > LIMITS.lines) return `The file has too many lines to check (${lines}; the limit is ${LIMITS.lines}): split it into one document per file`;
  // most documents are too short to nest past the limit: their lines are not scanned
  if (depthBound(text, lines, longest, LIMITS.depth) <= LIMITS.depth) return undefined;
  const depth = nestingDepth(text, LIMITS.depth);
  if (depth > LIMITS.depth) return `The file nests lists and mappings too deeply to check (more than ${LIMITS.depth} levels): flatten it`;
  return undefined;
}

/**
 * A bound that `nestingDepth` never exceeds, read without splitting the text: each level it counts
 * takes a line of its own (an indentation), two characters of one line (a `- ` or `? `) or an
 * opening bracket. Stops counting brackets past `max`.
 */
export function depthBound(text: string, lines: number, longest: number, max: number): number {
  let bound = lines + Math.ceil(longest / 2);
  for (const bracket of ['[', '{']) {
    for (let index = text.indexOf(bracket); index !== -1 && bound <= max; index = text.indexOf(bracket, index + 1)) bound++;
  }
  return bound;
}

const BLOCK_SCALAR = /(^|[\s:])[|>][-+0-9]*[ \t]*(#.*)?\r?$/;

/**
 * A cheap upper estimate of how deep the document nests, read from the text before parsing
 * (parsing a very deep document is what costs): block levels from indentation and compact
 * `- - ` / `? ` indicators, flow levels from brackets outside quotes and comments. Stops past `max`.
 *
 * Run on every version of an edited document, so written for speed: a line's characters after its
 * indicators are only walked while a flow collection is open or when the line holds a `[` or `{`
 * (without one, outside a flow collection, the walk cannot change the depth), and the block-scalar
 * pattern is only tried on a line holding a `|` or `>`. The next occurrence of each of these
 * characters is found with `indexOf` and kept until the scan passes it.
 */
export function nestingDepth(text: string, max: number): number {
  let deepest = 0;
  let flow = 0;
  const indents: number[] = [];
  let scalarIndent = -1; // inside a block scalar (`|`, `>`) opened on a line of this indentation
  let nextBracket = -1;
  let nextBrace = -1;
  let nextPipe = -1;
  let nextFold = -1;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let at = start;
    let block = 0;
    if (flow === 0) {
      while (text.charCodeAt(at) === 32 && at < end) at++;
      const first = at < end ? text.charCodeAt(at) : -1;
      if (first === -1 || first === 35 /* # */ || first === 13 /* \r */ || (scalarIndent >= 0 && at - start > scalarIndent)) {
        start = end + 1;
        continue;
      }
      if (nextPipe < start) nextPipe = indexOrEnd(text, '|', start);
      if (nextFold < start) nextFold = indexOrEnd(text, '>', start);
      scalarIndent = (nextPipe < end || nextFold < end) && BLOCK_SCALAR.test(text.slice(start, end)) ? at - start : -1;
      const column = at - start;
      while (indents.length && indents[indents.length - 1] >= column) indents.pop();
      indents.push(column);
      for (;;) {
        const char = text.charCodeAt(at);
        if (at >= end || (char !== 45 /* - */ && char !== 63) /* ? */) break;
        if (!(at + 1 === end || text.charCodeAt(at + 1) === 32)) break;
        block++;
        at += 2;
        while (at < end && text.charCodeAt(at) === 32) at++;
      }
      if (nextBracket < start) nextBracket = indexOrEnd(text, '[', start);
      if (nextBrace < start) nextBrace = indexOrEnd(text, '{', start);
      // no bracket on the rest of the line: the walk below would leave `flow` at 0
      if (nextBracket >= end && nextBrace >= end) at = end;
    }
    let valueStart = true; // outside flow, a bracket opens a collection only where a value starts
    for (; at < end; at++) {
      const char = text[at];
      if (char === '#' && (at === start || text[at - 1] === ' ' || text[at - 1] === '\t')) break;
      if ((char === '"' || char === "'") && (flow > 0 || valueStart)) {
        at = closingQuote(text, at, end, char);
        valueStart = false;
        continue;
      }
      if ((char === '[' || char === '{') && (flow > 0 || valueStart)) flow++;
      else if ((char === ']' || char === '}') && flow > 0) flow--;
      else if (char !== ' ' && char !== '\t') valueStart = flow === 0 && char === ':' ? true : char === '-' && valueStart;
      if (indents.length + block + flow > deepest) {
        deepest = indents.length + block + flow;
        if (deepest > max) return deepest;
      }
    }
    if (indents.length + block + flow > deepest) {
      deepest = indents.length + block + flow;
      if (deepest > max) return deepest;
    }
    start = end + 1;
  }
  return deepest;
}

/** Where `char` next occurs in `text` from `from`, or the text's length. */
function indexOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

/** The closing quote of a quoted scalar opened at `from` on the line ending at `end`, or `end`. */
function closingQuote(text: string, from: number, end: number, quote: string): number {
  for (let at = from + 1; at < end; at++) {
    if (quote === '"' && text[at] === '\\') at++;
    else if (text[at] === quote) {
      if (quote === "'" && text[at + 1] === "'") at++;
      else return at;
    }
  }
  return end; // a quoted scalar that goes on to the next line: good enough for an estimate
}

export function readKind(yaml: Document.Parsed): Kind | undefined {
  if (!isMap(yaml.contents)) return undefined;
  const node = yaml.contents.get('kind', true);
  return isScalar(node) && isKind(node.value) ? node.value : undefined;
}

const DIRECTIVE = /^#[ \t]*charters-(disable-next-line|disable-file|disable|enable)(?=[ \t]|$)/;
/** The `--` that starts a reason: a word of its own. */
const REASON = /(?:^|[ \t])--(?:[ \t]|$)/;

/**
 * The disable comments of the text, from the tokens of yaml's lexer (the one its parser reads),
 * so a comment is exactly what the YAML says is a comment. The lexer yields every character of the
 * text once, plus control tokens of its own (document start, scalar start, flow error end).
 */
export function readDirectives(textDocument: TextDocument): Directives {
  const comments = readYamlDirectiveComments(textDocument);
  return comments.length ? directivesOf(comments, textDocument.lineCount - 1) : NO_DIRECTIVES;
}

/** What `comments` (in the order of the text) silence in a text whose last line is `lastLine`. */
export function directivesOf(comments: readonly DirectiveComment[], lastLine: number): Directives {
  return comments.length ? { comments, silences: silences(comments, lastLine) } : NO_DIRECTIVES;
}

/** The disable comments among the YAML comments of the text. */
export function readYamlDirectiveComments(textDocument: TextDocument): DirectiveComment[] {
  const text = textDocument.getText();
  // `includes` rather than a pattern: this runs on every version of an edited document
  if (!text.includes('charters-disable') && !text.includes('charters-enable')) return [];
  const comments: DirectiveComment[] = [];
  let offset = 0;
  let atScalar = false;
  for (const token of new Lexer().lex(text)) {
    if (atScalar) {
      atScalar = false; // a scalar's source, whatever its first character
    } else if (token === SCALAR) {
      atScalar = true;
      continue;
    } else if (token === DOCUMENT || token === FLOW_END) {
      continue;
    } else if (token[0] === '#') {
      // up to the line end as the editor counts lines (a lone \r too, which yaml reads as text)
      const comment = readComment(textDocument, text, offset, token.split(/[\r\n]/, 1)[0]);
      if (comment) comments.push(comment);
    }
    offset += token.length;
  }
  return comments;
}

const DOCUMENT = '\x02';
const FLOW_END = '\x18';
const SCALAR = '\x1f';

function readComment(textDocument: TextDocument, text: string, offset: number, source: string): DirectiveComment | undefined {
  // the offset is counted from the lexer's tokens: a comment must be found where it says
  if (!text.startsWith(source, offset)) return undefined;
  return directiveComment(textDocument, text, offset, source, DIRECTIVE, source.length);
}

/**
 * The directive a comment holds, if it is one: `source` is the comment's text at `offset`, `form`
 * the pattern of its opening (`#` or `<!--` and the directive's name), and `bodyEnd` where its
 * words end in `source` (before an HTML comment's `-->`).
 */
export function directiveComment(
  textDocument: TextDocument,
  text: string,
  offset: number,
  source: string,
  form: RegExp,
  bodyEnd: number,
): DirectiveComment | undefined {
  const match = form.exec(source);
  if (!match) return undefined;
  const { line, character: start } = textDocument.positionAt(offset);
  const lineStart = offset - start;
  const trailing = text.slice(lineStart, offset).trim() !== '';
  let body = source.slice(match[0].length, bodyEnd);
  const reason = REASON.exec(body);
  if (reason) body = body.slice(0, reason.index);
  const tokens: DirectiveToken[] = [];
  for (const word of body.matchAll(/[^\s,]+/g)) {
    const at = start + match[0].length + word.index!;
    tokens.push({ text: word[0], start: at, end: at + word[0].length });
  }
  return { form: match[1] as DirectiveForm, line, start, end: start + source.length, trailing, tokens };
}

/** What each comment silences: next line, whole file, or from a disable comment to its enable comment. */
function silences(comments: readonly DirectiveComment[], lastLine: number): Silence[] {
  const out: Silence[] = [];
  const open: { rule: string | null; from: number; comment: number }[] = [];
  comments.forEach((comment, index) => {
    const rules: (string | null)[] = comment.tokens.length ? [...new Set(comment.tokens.map((token) => token.text))] : [null];
    switch (comment.form) {
      case 'disable-next-line':
        for (const rule of rules) out.push({ rule, from: comment.line + 1, to: comment.line + 1, comment: index });
        break;
      case 'disable-file':
        for (const rule of rules) out.push({ rule, from: 0, to: lastLine, comment: index });
        break;
      case 'disable':
        for (const rule of rules) open.push({ rule, from: comment.line + 1, comment: index });
        break;
      case 'enable':
        for (let at = 0; at < open.length; ) {
          const range = open[at];
          if (rules[0] !== null && !rules.includes(range.rule)) {
            at++;
            continue;
          }
          out.push({ ...range, to: comment.line - 1, closedBy: index });
          open.splice(at, 1);
        }
        break;
    }
  });
  for (const range of open) out.push({ ...range, to: lastLine });
  return out.sort((a, b) => a.comment - b.comment);
}

/** The silences that cover a finding of `ruleId` on `line`. */
export function silencesOf(directives: Directives, ruleId: string, line: number): Silence[] {
  if (directives.silences.length === 0) return [];
  return directives.silences.filter(
    (silence) => silence.from <= line && line <= silence.to && (silence.rule === ruleId || (silence.rule === null && ruleId !== DISABLE_DIRECTIVE)),
  );
}

export function isSilenced(directives: Directives, ruleId: string, line: number): boolean {
  return silencesOf(directives, ruleId, line).length > 0;
}

/** The rule that reports disable comments: only a comment naming it silences it. */
export const DISABLE_DIRECTIVE = 'disable-directive';
