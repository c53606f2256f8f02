import MarkdownIt from 'markdown-it';
import { isMap, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { copyOf, nodeAt } from './ast';
import { kindDefinition, type ProseSection } from './kinds';
import { lazyStyle } from './style';
import { directiveComment, directivesOf, readYamlDirectiveComments, refusal, type DirectiveComment, type ParsedDocument } from './parse';
import type { Kind, Range, TextEdit } from './types';

/**
 * A Markdown document (`senior-pm.role.md`): YAML front matter between two `---` lines, then a
 * body whose `##` sections may give the kind's prose fields (the kinds registry's `proseSections`).
 * The front matter is parsed as YAML in the file's own coordinates (the opening `---` becomes a
 * comment of the same length, the body is cut off), so every range, error and incremental block
 * of the YAML machinery holds for the Markdown file as it is. The body's sections are added to the
 * parse as nodes whose ranges are their headings and text: rules, the index, navigation and hover
 * read one document whichever form it has.
 */
export interface MarkdownParts {
  /** Where the front matter ends (the start of its closing line), or why there is none to read. */
  readonly frontMatter: { readonly end: number; readonly closingLine: number } | 'missing' | 'unclosed';
  /** The parse of the front matter alone, which an incremental parse of the next version reuses. */
  readonly frontMatterParse?: ParsedDocument;
  /** The line the body starts on. */
  readonly bodyLine: number;
  /** The body's headings of level 1 and 2, in order; those naming a prose field carry it. */
  readonly headings: readonly MarkdownHeading[];
  /** Sections that give a field the front matter (or a section above) already gives: `duplicate-entry`'s. */
  readonly duplicates: readonly DuplicateSection[];
}

export interface MarkdownHeading {
  readonly depth: number;
  /** The heading's text, without a trailing HTML comment. */
  readonly text: string;
  /** The heading's text on its line. */
  readonly range: Range;
  readonly section?: ProseSection;
}

export interface DuplicateSection {
  readonly heading: MarkdownHeading;
  /** The line (0-based) of what gave the field first: a front-matter key or an earlier heading. */
  readonly firstLine: number;
}

let bodyParser: MarkdownIt | undefined;
/**
 * The parser of bodies: HTML kept as HTML tokens, so that comments are found as comments. Made on
 * first use (a constant, never changed): building it costs every start of the server and of each
 * lint worker, most of which never read Markdown.
 */
function bodyParserOnce(): MarkdownIt {
  bodyParser ??= new MarkdownIt('default', { html: true });
  return bodyParser;
}

/** Parse a Markdown document; `parseYaml` parses its front matter (fully or incrementally). */
export function parseMarkdown(textDocument: TextDocument, parseYaml: (frontMatter: TextDocument) => ParsedDocument): ParsedDocument {
  const text = textDocument.getText();
  const refused = refusal(text);
  const split = refused ? undefined : splitFrontMatter(text);
  const frontMatter = split?.frontMatter ?? 'missing';
  const yamlText = typeof frontMatter === 'object' ? `#--${text.slice(3, frontMatter.end)}` : '';
  const yamlDocument = TextDocument.create(textDocument.uri, 'yaml', textDocument.version, yamlText);
  const frontMatterParse = parseYaml(yamlDocument);
  const bodyLine = typeof frontMatter === 'object' ? frontMatter.closingLine + 1 : frontMatter === 'missing' ? 0 : textDocument.lineCount;
  const body = refused ? undefined : readBody(textDocument, bodyLine, frontMatterParse.kind);
  const comments = [...readYamlDirectiveComments(yamlDocument), ...(body?.comments ?? [])];
  const parts: MarkdownParts = { frontMatter, frontMatterParse, bodyLine, headings: body?.headings ?? [], duplicates: [] };
  const parsed: ParsedDocument = {
    ...frontMatterParse,
    textDocument,
    directives: directivesOf(comments, textDocument.lineCount - 1),
    // fixes write into the front matter, in its style
    style: lazyStyle(typeof frontMatter === 'object' ? text.slice(0, frontMatter.end) : text),
    markdown: parts,
    ...(refused ? { refused } : {}),
  };
  return body && frontMatterParse.kind ? withSections(parsed, body.sections) : parsed;
}

/** The front matter's extent: an opening `---` on the first line, a closing `---` (or `...`) on a line of its own. */
export function splitFrontMatter(text: string): { frontMatter: MarkdownParts['frontMatter'] } {
  // a YAML comment may follow either line (`--- # …`)
  if (!/^---[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/.test(text)) return { frontMatter: 'missing' };
  const closing = /^(?:---|\.\.\.)[ \t]*(?:#.*)?\r?$/;
  let line = 1;
  for (let at = text.indexOf('\n') + 1; at > 0 && at < text.length; line++) {
    const next = text.indexOf('\n', at);
    const lineText = text.slice(at, next === -1 ? text.length : next);
    if (closing.test(lineText)) return { frontMatter: { end: at, closingLine: line } };
    at = next === -1 ? text.length : next + 1;
  }
  return { frontMatter: 'unclosed' };
}

// ------------------------------------------------------------------ the body

interface BodySection {
  heading: MarkdownHeading;
  /** The heading's text as offsets: the key's range. */
  start: number;
  end: number;
  /** Paragraphs and list items under the heading, each its text and its offsets. */
  blocks: { text: string; start: number; end: number; item: boolean }[];
}

interface Body {
  headings: MarkdownHeading[];
  sections: BodySection[];
  comments: DirectiveComment[];
}

function readBody(textDocument: TextDocument, bodyLine: number, kind: Kind | undefined): Body {
  const text = textDocument.getText();
  const bodyStart = textDocument.offsetAt({ line: bodyLine, character: 0 });
  const tokens = bodyParserOnce().parse(text.slice(bodyStart), {});
  const lineOffset = (line: number) => textDocument.offsetAt({ line: bodyLine + line, character: 0 });
  const sectionsOfKind = kind ? kindDefinition(kind).proseSections : [];
  const headings: MarkdownHeading[] = [];
  const sections: BodySection[] = [];
  const comments: DirectiveComment[] = [];
  let current: BodySection | undefined;
  let newItem = false;
  let commentCursor = bodyStart;
  const readComments = (content: string, line: number) => {
    for (const match of content.matchAll(/<!--[\s\S]*?-->/g)) {
      const at = text.indexOf(match[0], Math.max(commentCursor, lineOffset(line)));
      if (at === -1) continue;
      commentCursor = at + match[0].length;
      if (match[0].includes('\n')) continue; // a directive is a comment of one line
      const comment = directiveComment(textDocument, text, at, match[0], HTML_DIRECTIVE, match[0].length - 3);
      if (comment) comments.push(comment);
    }
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const map = token.map;
    if (token.type === 'html_block' && map) readComments(token.content, map[0]);
    if (token.type === 'inline' && map && token.children?.some((child) => child.type === 'html_inline')) {
      readComments(token.children.map((child) => (child.type === 'html_inline' ? child.content : '')).join(''), map[0]);
    }
    if (token.type === 'heading_open' && token.level === 0 && map) {
      const depth = Number(token.tag.slice(1));
      const inline = tokens[index + 1];
      if (depth > 2) {
        current = undefined; // a subheading starts free prose
        continue;
      }
      const heading = headingAt(textDocument, text, lineOffset(map[0]), depth, inline?.content ?? '', sectionsOfKind);
      headings.push(heading.heading);
      current = heading.heading.section ? { heading: heading.heading, start: heading.start, end: heading.end, blocks: [] } : undefined;
      if (current) sections.push(current);
    } else if (token.type === 'list_item_open' && token.level === 1) {
      newItem = true;
    } else if (current && token.type === 'inline' && map && (token.level === 1 || token.level === 3) && tokens[index - 1]?.type !== 'heading_open') {
      // a paragraph of the section (level 1) or of one of its list items (level 3)
      const item = token.level === 3;
      const content = token.content.replace(/<!--[\s\S]*?-->/g, '').trim();
      if (!content) continue;
      const last = current.blocks[current.blocks.length - 1];
      if (item && !newItem && last?.item) {
        // a list item's second paragraph belongs to that item
        last.text = `${last.text}\n\n${content}`;
        last.end = trimmedEnd(text, last.start, lineOffset(map[1]));
        continue;
      }
      newItem = false;
      const start = contentStart(text, lineOffset(map[0]), item);
      current.blocks.push({ text: content, start, end: trimmedEnd(text, start, lineOffset(map[1])), item });
    }
  }
  return { headings, sections, comments };
}

const HTML_DIRECTIVE = /^<!--[ \t]*charters-(disable-next-line|disable-file|disable|enable)(?=[ \t]|-->|$)/;

function headingAt(
  textDocument: TextDocument,
  text: string,
  lineStart: number,
  depth: number,
  content: string,
  sections: readonly ProseSection[],
): { heading: MarkdownHeading; start: number; end: number } {
  const headingText = content.replace(/<!--[\s\S]*?-->/g, '').trim();
  const newline = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, newline === -1 ? text.length : newline);
  const found = headingText ? line.indexOf(headingText) : -1;
  const start = lineStart + (found === -1 ? line.length - line.trimStart().length : found);
  const end = found === -1 ? lineStart + line.trimEnd().length : start + headingText.length;
  const name = normalised(headingText);
  const section = depth === 2 ? sections.find((candidate) => candidate.headings.some((heading) => normalised(heading) === name)) : undefined;
  return {
    heading: { depth, text: headingText, range: { start: textDocument.positionAt(start), end: textDocument.positionAt(end) }, ...(section ? { section } : {}) },
    start,
    end,
  };
}

/** A heading's name as matched against the kind's: case and punctuation ignored. */
export function normalised(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Where a block's text starts: after the indentation, and after a list item's marker. */
function contentStart(text: string, lineStart: number, item: boolean): number {
  const rest = text.slice(lineStart, lineStart + 200);
  const marker = item ? /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(rest) : /^[ \t]*/.exec(rest);
  return lineStart + (marker?.[0].length ?? 0);
}

function trimmedEnd(text: string, start: number, end: number): number {
  let at = Math.min(end, text.length);
  while (at > start && /\s/.test(text[at - 1])) at--;
  return at;
}

// ------------------------------------------------------------------ sections as fields

/**
 * The parse with the body's sections as fields: new pairs in a new root mapping (the front
 * matter's nodes are shared, never changed), their keys on the headings, their values on the text.
 */
function withSections(parsed: ParsedDocument, sections: BodySection[]): ParsedDocument {
  const root = parsed.yaml.contents;
  if (!isMap(root) || typeof parsed.value !== 'object' || parsed.value === null) return parsed;
  const textDocument = parsed.textDocument;
  const rootMap = copyOf(root);
  rootMap.items = [...root.items];
  const value: Record<string, unknown> = { ...(parsed.value as Record<string, unknown>) };
  const duplicates: DuplicateSection[] = [];
  const given = new Map<string, number>(); // field path → the line of the section that gave it
  for (const section of sections) {
    const prose = section.heading.section!;
    const key = prose.path.join('.');
    const parentPath = prose.path.slice(0, -1);
    const field = prose.path[prose.path.length - 1];
    // the mapping the field goes in: the root, or `scope` (shared when the front matter has it)
    let parent: YAMLMap = rootMap;
    let parentValue: Record<string, unknown> = value;
    let blocked = false;
    for (const segment of parentPath) {
      const at = parent.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === segment);
      const existing = at === -1 ? undefined : parent.items[at];
      if (existing && !isMap(existing.value)) {
        blocked = true; // `scope: 3`: the schema reports it; a section cannot go in it
        break;
      }
      const map: YAMLMap = existing && isMap(existing.value) ? copyOf(existing.value) : new YAMLMap();
      map.items = existing && isMap(existing.value) ? [...existing.value.items] : [];
      if (!existing) map.range = [section.start, section.end, section.end];
      const keyNode = existing ? (existing.key as Node) : keyScalar(segment, section.start, section.end);
      const pair = new Pair(keyNode, map);
      if (at === -1) parent.items.push(pair);
      else parent.items[at] = pair;
      const inner = parentValue[segment];
      parentValue[segment] = typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? { ...inner } : {};
      parentValue = parentValue[segment] as Record<string, unknown>;
      parent = map;
    }
    if (blocked) continue;
    const existing = parent.items.find((pair) => isScalar(pair.key) && pair.key.value === field);
    if (existing) {
      const firstLine = given.get(key) ?? textDocument.positionAt((existing.key as Node).range?.[0] ?? 0).line;
      duplicates.push({ heading: section.heading, firstLine });
      continue;
    }
    given.set(key, section.heading.range.start.line);
    const node = prose.body === 'paragraphs' ? paragraphs(section) : bullets(section);
    parent.items.push(new Pair(keyScalar(field, section.start, section.end), node));
    parentValue[field] = node.toJSON();
  }
  if (rootMap.items.length === root.items.length && duplicates.length === 0) return parsed;
  const yaml = copyOf(parsed.yaml) as Document.Parsed;
  yaml.contents = rootMap as YAMLMap.Parsed;
  return { ...parsed, yaml, value, markdown: { ...parsed.markdown!, duplicates } };
}

function keyScalar(field: string, start: number, end: number): Scalar {
  const key = new Scalar(field);
  key.range = [start, end, end];
  return key;
}

/** A text field: its paragraphs, one blank line apart; null for a section with none. */
function paragraphs(section: BodySection): Scalar {
  const blocks = section.blocks;
  const node = new Scalar(blocks.length ? blocks.map((block) => block.text).join('\n\n') : null);
  node.range = blocks.length ? [blocks[0].start, blocks[blocks.length - 1].end, blocks[blocks.length - 1].end] : [section.end, section.end, section.end];
  return node;
}

/** A list field: one entry per bullet (or paragraph). */
function bullets(section: BodySection): YAMLSeq {
  const seq = new YAMLSeq();
  for (const block of section.blocks) {
    const item = new Scalar(block.text);
    item.range = [block.start, block.end, block.end];
    seq.items.push(item);
  }
  const blocks = section.blocks;
  seq.range = blocks.length ? [blocks[0].start, blocks[blocks.length - 1].end, blocks[blocks.length - 1].end] : [section.end, section.end, section.end];
  return seq;
}

/** Whether a node of the parse comes from the front matter (not a section of the body). */
export function inFrontMatter(parsed: ParsedDocument, node: Node | null | undefined): boolean {
  const frontMatter = parsed.markdown?.frontMatter;
  if (!frontMatter) return true;
  return typeof frontMatter === 'object' && node?.range !== undefined && node.range !== null && node.range[0] < frontMatter.end;
}

// ------------------------------------------------------------------ adding sections

/**
 * The edits that add prose fields to a Markdown document as sections: `## Heading`, a blank line,
 * the value as a paragraph or bullets. Each goes before the first section present that the
 * kind's order puts after it; else after the last one that comes before it (before the next
 * heading); else at the end of the body; one blank line around it.
 */
export function sectionInsertions(parsed: ParsedDocument, fields: { path: readonly string[]; value: unknown }[]): TextEdit[] {
  const markdown = parsed.markdown;
  if (!markdown || !parsed.kind || typeof markdown.frontMatter !== 'object') return [];
  const order = kindDefinition(parsed.kind).proseSections;
  const textDocument = parsed.textDocument;
  const text = textDocument.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const rank = (section: ProseSection | undefined) => (section ? order.indexOf(section) : -1);
  const headings = markdown.headings;
  const byOffset = new Map<number, string[]>();
  for (const field of fields) {
    const section = order.find((candidate) => candidate.path.join('.') === field.path.join('.'));
    if (!section) continue;
    const own = rank(section);
    const later = headings.find((heading) => rank(heading.section) > own);
    let offset: number;
    if (later) {
      offset = textDocument.offsetAt({ line: later.range.start.line, character: 0 });
    } else {
      let earlier = -1;
      headings.forEach((heading, index) => {
        if (heading.section && rank(heading.section) < own) earlier = index;
      });
      const next = earlier === -1 ? undefined : headings.slice(earlier + 1).find((heading) => heading.depth <= 2);
      offset = next ? textDocument.offsetAt({ line: next.range.start.line, character: 0 }) : text.length;
    }
    byOffset.set(offset, [...(byOffset.get(offset) ?? []), sectionText(section, field.value, eol)]);
  }
  return [...byOffset].map(([offset, blocks]) => {
    const before = text.slice(Math.max(0, offset - 4), offset);
    // one blank line before the new section, and one between it and a heading that follows
    const lead = offset === 0 || /(?:\r?\n){2}$/.test(before) ? '' : /\r?\n$/.test(before) ? eol : eol + eol;
    const newText = offset === text.length ? lead + blocks.join(eol) : lead + blocks.map((block) => block + eol).join('');
    return { range: { start: textDocument.positionAt(offset), end: textDocument.positionAt(offset) }, newText };
  });
}

function sectionText(section: ProseSection, value: unknown, eol: string): string {
  const entries = Array.isArray(value) ? value.map(String) : [String(value ?? 'TODO')];
  const body = section.body === 'bullets' ? entries.map((entry) => `- ${entry}`).join(eol) : entries.join(eol + eol);
  return `## ${section.headings[0]}${eol}${eol}${body}${eol}`;
}

/** The prose sections at or under `path` (`['scope']` holds In scope and Out of scope). */
export function proseSectionsUnder(kind: Kind, path: readonly (string | number)[]): ProseSection[] {
  return kindDefinition(kind).proseSections.filter(
    (section) => section.path.length >= path.length && path.every((segment, index) => section.path[index] === segment),
  );
}

/** A value's part at `path` below it (`{in, out}` and `['out']` → the `out` list). */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const segment of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[segment] : undefined;
  return at;
}

/** The text the YAML parse read: the whole document, or a Markdown document's front matter. */
export function yamlText(parsed: ParsedDocument): string {
  const text = parsed.textDocument.getText();
  const frontMatter = parsed.markdown?.frontMatter;
  if (!frontMatter) return text;
  return typeof frontMatter === 'object' ? text.slice(0, frontMatter.end) : '';
}

/**
 * The body's Markdown without the sections that give fields (the preview shows those with the
 * structured parts): the free prose, as written.
 */
export function freeProse(parsed: ParsedDocument): string {
  const markdown = parsed.markdown;
  if (!markdown || markdown.bodyLine >= parsed.textDocument.lineCount) return '';
  const lines = parsed.textDocument.getText().split(/\r?\n/);
  const skipped = new Set<number>();
  markdown.headings.forEach((heading, index) => {
    if (!heading.section) return;
    const next = markdown.headings.slice(index + 1).find((other) => other.depth <= 2);
    const end = next ? next.range.start.line : lines.length;
    for (let line = heading.range.start.line; line < end; line++) skipped.add(line);
  });
  return lines
    .slice(markdown.bodyLine)
    .filter((_line, index) => !skipped.has(markdown.bodyLine + index))
    .join('\n')
    .trim();
}

/**
 * Completion in a Markdown document's body: after `## `, the kind's prose sections the document
 * does not give yet (in the front matter or as a section); nothing elsewhere in the prose.
 */
export function sectionCompletions(parsed: ParsedDocument, position: Position): CompletionItem[] {
  if (!parsed.kind) return [];
  const line = parsed.textDocument.getText({ start: { line: position.line, character: 0 }, end: position });
  const typed = /^##[ \t]+(.*)$/.exec(line);
  if (!typed) return [];
  const start = { line: position.line, character: line.length - typed[1].length };
  return kindDefinition(parsed.kind)
    .proseSections.filter((section) => nodeAt(parsed.yaml, [...section.path]) === undefined)
    .map((section, order) => ({
      label: section.headings[0],
      kind: CompletionItemKind.Module,
      detail: `the "${section.path.join('.')}" field, as ${section.body === 'bullets' ? 'a bullet list' : 'paragraphs'}`,
      sortText: String(order).padStart(2, '0'),
      textEdit: { range: { start, end: position }, newText: section.headings[0] },
    }));
}
