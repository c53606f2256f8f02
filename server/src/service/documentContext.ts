import type { ExternalRole } from './config';
import type { Position, Range } from 'vscode-languageserver-types';
import type { Path } from './ast';
import { isRecord, type FieldSchema, type Schemas } from './schemas';
import type { Taxonomy } from './taxonomy';
import { isKind, type Kind } from './types';
import type { WorkspaceIndex } from './workspace';

/**
 * Where the cursor is in the YAML structure, read from the text by indentation. Completion runs
 * while the user types, when the document is half-written and the `yaml` tree says little; lines
 * and columns still say which mapping or list the cursor is in.
 */
export type ContextMode = 'key' | 'value' | 'item' | 'top';

export interface DocumentContext {
  /** `key`: a field name goes here; `value`: after `key: `; `item`: a list entry; `top`: a root key of a document without `kind`. */
  mode: ContextMode;
  /** key/top: the mapping's path; value: the field's path; item: the entry's path (list path + index). */
  path: Path;
  /** value mode: the field whose value is typed. */
  key?: string;
  /** What is typed so far (without an opening quote). */
  prefix: string;
  /** What a completion replaces: the prefix and the rest of the word after the cursor. */
  replaceRange: Range;
  /** Keys already in the mapping (key/value mode), the one being typed excluded. */
  presentKeys: string[];
  /** Column of the mapping (key/value/top mode) or of the list's dashes (item mode). */
  indent: number;
  /** item mode: the scalar entries already in the list, the one being typed excluded. */
  siblingItems: string[];
  /** item mode on a line without `- ` yet: whatever is inserted must bring the dash. */
  needsDash?: boolean;
  /** key mode under a key with nothing below it yet: the value may as well become a list. */
  fresh?: boolean;
  /** value mode right after `key:` without a space. */
  needsSpace?: boolean;
  /** key mode where the key already has its colon (`lev|el: pm`): only the name is replaced. */
  keyHasColon?: boolean;
  /** item mode inside a one-line `[a, b]` list. */
  flow?: boolean;
}

interface Frame {
  type: 'map' | 'seq';
  col: number;
  keys: string[];
  /** seq: scalar entries (or the value of an entry's first key). */
  items: string[];
  /** map: the last key; seq: the last index. */
  current: string | number;
}

const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"[\]{},:-][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?=[ \t]|$)/;

export function documentContext(text: string, position: Position): DocumentContext | undefined {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const lineText = lines[position.line] ?? '';
  const character = Math.min(position.character, lineText.length);
  const before = lineText.slice(0, character);
  if (stripComment(before) !== before) return undefined;
  const frames: Frame[] = [];
  let continuationDeeperThan = -1;
  for (let index = 0; index < position.line && index < lines.length; index++) {
    const line = stripComment(lines[index]);
    if (line.trim() === '') continue;
    if (/^(---|\.\.\.)(\s|$)/.test(line) || line.startsWith('%')) {
      frames.length = 0;
      continuationDeeperThan = -1;
      continue;
    }
    if (continuationDeeperThan >= 0 && indentOf(line) > continuationDeeperThan) continue;
    continuationDeeperThan = feedLine(frames, line);
  }
  return cursorContext(frames, lines, position, before, lineText.slice(character));
}

/** What completion and hover are given. */
export interface FeatureDeps {
  schemas: Schemas;
  taxonomy: Taxonomy;
  index: WorkspaceIndex;
  /** The config's `externalRoles`, which charters and strategies may name. */
  externalRoles?: ReadonlyMap<string, ExternalRole>;
}

/** Which taxonomy vocabulary the scalar at `path` takes, if any. */
export function taxonomyFieldAt(kind: Kind | undefined, path: Path): 'responsibility' | 'skill' | 'area' | 'level' | undefined {
  if (kind !== 'role') return undefined;
  const [first, second, third] = path;
  if (first === 'level' && path.length === 1) return 'level';
  if (first === 'responsibilities' && typeof second === 'number')
    return path.length === 2 ? 'responsibility' : third === 'area' && path.length === 3 ? 'area' : undefined;
  if (first === 'skills' && typeof second === 'number' && (path.length === 2 || (path.length === 3 && third === 'skill'))) return 'skill';
  return undefined;
}

/** Fold one complete line into the frames; returns the column deeper than which lines continue its scalar (or -1). */
function feedLine(frames: Frame[], line: string): number {
  let pos = indentOf(line);
  close(frames, pos, isDash(line, pos));
  let owner = pos;
  let afterDash = false;
  for (;;) {
    if (isDash(line, pos)) {
      openItem(frames, pos);
      owner = pos;
      afterDash = true;
      pos = skipSpaces(line, pos + 1);
      if (pos >= line.length) return -1;
      continue;
    }
    const match = KEY.exec(line.slice(pos));
    if (match) {
      const seq = afterDash ? frames[frames.length - 1] : undefined;
      openKey(frames, pos, keyOf(match));
      const value = line.slice(pos + match[0].length).trim();
      if (value === '') return -1;
      if (seq?.type === 'seq' && !/^[[{|>]/.test(value)) seq.items.push(unquote(value));
      return pos;
    }
    const top = frames[frames.length - 1];
    if (afterDash && top?.type === 'seq') top.items.push(unquote(line.slice(pos).trim()));
    return owner;
  }
}

function cursorContext(frames: Frame[], lines: string[], position: Position, before: string, after: string): DocumentContext | undefined {
  const line = position.line;
  let pos = indentOf(before);
  const dashHere = isDash(before, pos);
  close(frames, pos, true);
  let dashCol = -1;
  while (isDash(before, pos)) {
    openItem(frames, pos);
    dashCol = pos;
    pos = skipSpaces(before, pos + 1);
  }
  const rest = before.slice(pos);
  const range = (prefix: string, word: RegExp): Range => ({
    start: { line, character: before.length - prefix.length },
    end: { line, character: before.length + (word.exec(after)?.[0].length ?? 0) },
  });
  const keyMatch = KEY.exec(rest);
  if (keyMatch) {
    if (!dashHere) close(frames, pos, false);
    const key = keyOf(keyMatch);
    openKey(frames, pos, key);
    const map = frames[frames.length - 1];
    const mapPath = pathTo(frames, frames.length - 1);
    const valueStart = skipSpaces(before, pos + keyMatch[0].length);
    const value = before.slice(valueStart);
    const presentKeys = unique([...map.keys, ...keysBelow(lines, line + 1, map.col)]);
    if (value.startsWith('[')) return flowContext(mapPath, key, value, after, presentKeys, pos, range);
    if (/^[{|>&!*]/.test(value)) return undefined;
    const prefix = unquote(value, true);
    return {
      mode: 'value',
      path: [...mapPath, key],
      key,
      prefix,
      replaceRange: range(prefix, VALUE_WORD),
      presentKeys,
      indent: map.col,
      siblingItems: [],
      needsSpace: valueStart === before.length && !before.endsWith(' ') && !before.endsWith('\t'),
    };
  }
  const prefix = unquote(rest, true);
  if (dashCol >= 0) {
    const seq = frames[frames.length - 1];
    return itemContext(seq, pathTo(frames, frames.length - 1), prefix, range(prefix, VALUE_WORD), lines, line, false);
  }
  const top = frames[frames.length - 1];
  const parent = frames[frames.length - 2];
  if (top?.type === 'seq' && top.col === pos && (!parent || parent.col < pos)) {
    // an indented list: a new line at its dashes' column can only be one more entry
    openItem(frames, pos);
    return itemContext(top, pathTo(frames, frames.length - 1), prefix, range(prefix, VALUE_WORD), lines, line, true);
  }
  close(frames, pos, false);
  const container = frames[frames.length - 1];
  const keyHasColon = /^[^\s:#]*:(\s|$)/.test(after);
  const replaceRange = range(prefix, KEY_WORD);
  if (container && container.type === 'map' && container.col === pos) {
    const path = pathTo(frames, frames.length - 1);
    const presentKeys = unique([...container.keys, ...keysBelow(lines, line + 1, pos)]);
    return { mode: modeOf(path, presentKeys), path, prefix, replaceRange, presentKeys, indent: pos, siblingItems: [], keyHasColon };
  }
  const path = container ? [...pathTo(frames, frames.length - 1), container.current] : [];
  const presentKeys = keysBelow(lines, line + 1, pos);
  return {
    mode: modeOf(path, presentKeys),
    path,
    prefix,
    replaceRange,
    presentKeys,
    indent: pos,
    siblingItems: [],
    fresh: container !== undefined && presentKeys.length === 0,
    keyHasColon,
  };
}

function itemContext(seq: Frame, listPath: Path, prefix: string, replaceRange: Range, lines: string[], line: number, needsDash: boolean): DocumentContext {
  return {
    mode: 'item',
    path: [...listPath, seq.current],
    prefix,
    replaceRange,
    presentKeys: [],
    indent: seq.col,
    siblingItems: unique([...seq.items, ...itemsBelow(lines, line + 1, seq.col)]),
    needsDash,
  };
}

function flowContext(
  mapPath: Path,
  key: string,
  value: string,
  after: string,
  presentKeys: string[],
  indent: number,
  range: (prefix: string, word: RegExp) => Range,
): DocumentContext | undefined {
  const inner = value.slice(1);
  if (/[[\]{}]/.test(inner)) return undefined;
  const parts = inner.split(',');
  const prefix = unquote(parts[parts.length - 1].trimStart(), true);
  const following = after.split(']')[0].split(',').slice(1);
  const siblingItems = [...parts.slice(0, -1), ...following].map((part) => unquote(part.trim())).filter(Boolean);
  return {
    mode: 'item',
    path: [...mapPath, key, parts.length - 1],
    key,
    prefix,
    replaceRange: range(prefix, VALUE_WORD),
    presentKeys,
    indent,
    siblingItems,
    flow: true,
  };
}

const VALUE_WORD = /^[^\s,\]}#:'"]*/;
const KEY_WORD = /^[^\s:#'"]*/;

function modeOf(path: Path, presentKeys: string[]): ContextMode {
  return path.length === 0 && !presentKeys.includes('kind') ? 'top' : 'key';
}

/** Keys at exactly `col` below `from`, until the mapping ends (a line less indented). */
function keysBelow(lines: string[], from: number, col: number): string[] {
  const keys: string[] = [];
  for (const line of contentLines(lines, from)) {
    const at = indentOf(line);
    if (at < col) break;
    if (at > col) continue;
    const match = KEY.exec(line.slice(at));
    if (match) keys.push(keyOf(match));
    else if (!isDash(line, at)) break;
  }
  return keys;
}

/** Entries of the list whose dashes are at `col`, below `from`. */
function itemsBelow(lines: string[], from: number, col: number): string[] {
  const items: string[] = [];
  for (const line of contentLines(lines, from)) {
    const at = indentOf(line);
    if (at < col) break;
    if (at > col) continue;
    if (!isDash(line, at)) break;
    const entry = line.slice(skipSpaces(line, at + 1));
    const match = KEY.exec(entry);
    items.push(unquote((match ? entry.slice(match[0].length) : entry).trim()));
  }
  return items.filter(Boolean);
}

function* contentLines(lines: string[], from: number): Iterable<string> {
  for (let index = from; index < lines.length; index++) {
    const line = stripComment(lines[index]);
    if (/^(---|\.\.\.)(\s|$)/.test(line)) return;
    if (line.trim() !== '') yield line;
  }
}

function close(frames: Frame[], col: number, dash: boolean): void {
  for (let top = frames[frames.length - 1]; top; top = frames[frames.length - 1]) {
    if (top.col > col || (top.col === col && top.type === 'seq' && !dash)) frames.pop();
    else break;
  }
}

function openItem(frames: Frame[], col: number): void {
  const top = frames[frames.length - 1];
  if (top?.type === 'seq' && top.col === col) top.current = (top.current as number) + 1;
  else frames.push({ type: 'seq', col, keys: [], items: [], current: 0 });
}

function openKey(frames: Frame[], col: number, key: string): void {
  const top = frames[frames.length - 1];
  if (top?.type === 'map' && top.col === col) {
    top.keys.push(key);
    top.current = key;
  } else {
    frames.push({ type: 'map', col, keys: [key], items: [], current: key });
  }
}

function pathTo(frames: Frame[], index: number): Path {
  return frames.slice(0, index).map((frame) => frame.current);
}

function keyOf(match: RegExpExecArray): string {
  if (match[1] !== undefined) return match[1].replace(/\\(.)/g, '$1');
  if (match[2] !== undefined) return match[2].replace(/''/g, "'");
  return match[3];
}

function isDash(line: string, pos: number): boolean {
  return line[pos] === '-' && (line[pos + 1] === ' ' || line[pos + 1] === '\t');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function skipSpaces(line: string, pos: number): number {
  while (pos < line.length && (line[pos] === ' ' || line[pos] === '\t')) pos++;
  return pos;
}

/** Drop quotes around a scalar; `open` also drops an opening quote not closed yet (a value being typed). */
function unquote(text: string, open = false): string {
  const match = /^(["'])(.*?)\1?$/.exec(text);
  if (!match) return text;
  return match[2].length === text.length - 2 || open ? match[2] : text;
}

/** The line without its comment (a `#` at the start or after a blank, outside quotes). */
function stripComment(line: string): string {
  let quote = '';
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote) {
      if (char === quote) quote = '';
    } else if ((char === '"' || char === "'") && (index === 0 || /[\s:[{,]/.test(line[index - 1]))) {
      quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(line[index - 1]))) {
      return line.slice(0, index);
    }
  }
  return line;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

// What completion and hover both ask of a path, once the context is known.

/** Required fields, with those of an `if/then/else` on the mapping's own values (a role's `level`). */
export function requiredOf(schema: FieldSchema, value: unknown): Set<string> {
  const required = new Set(schema.required ?? []);
  if (schema.if?.properties) {
    const data = isRecord(value) ? value : {};
    const holds =
      (schema.if.required ?? []).every((key) => key in data) &&
      Object.entries(schema.if.properties).every(([key, condition]) => condition.const === undefined || data[key] === condition.const);
    (holds ? schema.then : schema.else)?.required?.forEach((key) => required.add(key));
  }
  return required;
}

export function kindFromText(text: string): Kind | undefined {
  const match = /^kind:[ \t]*["']?([a-z]+)/m.exec(text);
  return match && isKind(match[1]) ? match[1] : undefined;
}

/** Schemas do not depend on list indexes; index 0 always exists in the shaped values below. */
export function schemaPath(path: Path): Path {
  return path.map((segment) => (typeof segment === 'number' ? 0 : segment));
}

/** A value shaped like `path` with a string at its end, so `if: {type: string}` unions take their string branch. */
export function stringAt(path: Path): unknown {
  let value: unknown = 'x';
  for (let index = path.length - 1; index >= 0; index--) {
    const segment = path[index];
    value = typeof segment === 'number' ? [value] : { [segment]: value };
  }
  return value;
}

export function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isRecord(current) ? current[segment] : undefined;
  }
  return current;
}
