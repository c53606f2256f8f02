import { isMap, isScalar, isSeq, type Node } from 'yaml';
import {
  SymbolKind,
  type DocumentLink,
  type DocumentSymbol,
  type Location,
  type Position,
  type Range,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { nodeRange } from './ast';
import { kindDefinition } from './kinds';
import type { ParsedDocument } from './parse';
import { KIND_TITLES, isId, type Kind } from './types';
import type { DocumentSummary, WorkspaceIndex } from './workspace';

/** The document id under the cursor: a reference to one, or this document's own `id`. */
export interface Target {
  kind: Kind;
  id: string;
  range: Range;
}

function targetAt(summary: DocumentSummary | undefined, position: Position): Target | undefined {
  if (!summary) return undefined;
  const reference = summary.references.find((ref) => contains(ref.range, position));
  if (reference) return { kind: reference.kind, id: reference.id, range: reference.range };
  if (summary.id && summary.idRange && contains(summary.idRange, position)) return { kind: summary.kind, id: summary.id, range: summary.idRange };
  return undefined;
}

export function getDefinition(summary: DocumentSummary | undefined, position: Position, index: WorkspaceIndex): Location[] {
  const target = targetAt(summary, position);
  if (!target) return [];
  return index.find(target.kind, target.id).flatMap((doc) => (doc.idRange ? [{ uri: doc.uri, range: doc.idRange }] : []));
}

export function getReferences(summary: DocumentSummary | undefined, position: Position, index: WorkspaceIndex, includeDeclaration: boolean): Location[] {
  const target = targetAt(summary, position);
  if (!target) return [];
  const locations: Location[] = [];
  if (includeDeclaration) locations.push(...getDefinition(summary, target.range.start, index));
  for (const doc of index.documents()) {
    for (const ref of doc.references) if (ref.kind === target.kind && ref.id === target.id) locations.push({ uri: doc.uri, range: ref.range });
  }
  return locations;
}

export function prepareRename(summary: DocumentSummary | undefined, position: Position): { range: Range; placeholder: string } | undefined {
  const target = targetAt(summary, position);
  return target && { range: target.range, placeholder: target.id };
}

/** Rename an id everywhere: its definition(s) and every reference across the workspace. */
export function rename(summary: DocumentSummary | undefined, position: Position, newName: string, index: WorkspaceIndex): WorkspaceEdit | { error: string } {
  const target = targetAt(summary, position);
  if (!target) return { error: 'Put the cursor on a role, vision or strategy id to rename it.' };
  if (!isId(newName)) return { error: `"${newName}" is not a valid id: use lowercase words joined by hyphens.` };
  if (newName !== target.id && index.find(target.kind, newName).length > 0) return { error: `Another ${target.kind} already has id "${newName}".` };
  const changes: Record<string, { range: Range; newText: string }[]> = {};
  for (const location of getReferences(summary, position, index, true)) {
    (changes[location.uri] ??= []).push({ range: location.range, newText: newName });
  }
  return { changes };
}

export function getDocumentLinks(summary: DocumentSummary | undefined, index: WorkspaceIndex): DocumentLink[] {
  if (!summary) return [];
  return summary.references.flatMap((ref) => {
    const target = index.find(ref.kind, ref.id)[0];
    return target ? [{ range: ref.range, target: target.uri, tooltip: `Open ${target.title ?? ref.id} (${ref.kind})` }] : [];
  });
}

export function getWorkspaceSymbols(query: string, index: WorkspaceIndex): SymbolInformation[] {
  const wanted = query.toLowerCase();
  const symbols: SymbolInformation[] = [];
  for (const doc of index.documents()) {
    const name = doc.title ?? doc.id ?? '';
    if (wanted && !fuzzy(`${name} ${doc.id ?? ''}`.toLowerCase(), wanted)) continue;
    const range = doc.idRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    symbols.push({
      name,
      kind: SymbolKind[kindDefinition(doc.kind).symbolKind],
      containerName: `${KIND_TITLES[doc.kind]} ${doc.id ?? ''}`.trim(),
      location: { uri: doc.uri, range },
    });
    if (symbols.length >= 500) break;
  }
  return symbols;
}

/** Letters of the query appear in order in the text: "gpm" finds "Group Product Manager". */
function fuzzy(text: string, query: string): boolean {
  let position = 0;
  for (const char of query) {
    position = text.indexOf(char, position);
    if (position === -1) return false;
    position++;
  }
  return true;
}

/** Fields whose value names a list entry in the outline. */
const ENTRY_NAMES = ['title', 'objective', 'metric', 'decision', 'goal', 'text', 'role', 'skill', 'id', 'name', 'segment'];

/** The outline: every field, with list entries named by their most telling field. */
export function getDocumentSymbols(parsed: ParsedDocument): DocumentSymbol[] {
  const textDocument = parsed.textDocument;
  const symbolsOf = (node: Node | null, depth: number): DocumentSymbol[] => {
    if (depth > 4) return [];
    if (isMap(node)) {
      return node.items.flatMap((pair) => {
        if (!isScalar(pair.key) || !pair.key.range) return [];
        const value = pair.value as Node | null;
        const keyRange = nodeRange(textDocument, pair.key)!;
        const end = value?.range ? textDocument.positionAt(value.range[1]) : keyRange.end;
        return [
          {
            name: String(pair.key.value),
            detail: isScalar(value) && value.value !== null ? String(value.value).slice(0, 80) : undefined,
            kind: isSeq(value) ? SymbolKind.Array : isMap(value) ? SymbolKind.Object : SymbolKind.Field,
            range: { start: keyRange.start, end },
            selectionRange: keyRange,
            children: symbolsOf(value, depth + 1),
          },
        ];
      });
    }
    if (isSeq(node)) {
      return node.items.flatMap((item, index) => {
        const itemNode = item as Node;
        const range = itemNode?.range && nodeRange(textDocument, itemNode);
        if (!range) return [];
        const label = isScalar(itemNode) ? String(itemNode.value) : isMap(itemNode) ? entryName(itemNode) : undefined;
        return [
          {
            name: label ?? `#${index + 1}`,
            kind: isMap(itemNode) ? SymbolKind.Object : SymbolKind.String,
            range,
            selectionRange: range,
            children: isMap(itemNode) ? symbolsOf(itemNode, depth + 1) : [],
          },
        ];
      });
    }
    return [];
  };
  return symbolsOf(parsed.yaml.contents as Node | null, 0);
}

function entryName(map: import('yaml').YAMLMap): string | undefined {
  for (const key of ENTRY_NAMES) {
    const value = map.get(key);
    if (typeof value === 'string' && value) return value.slice(0, 80);
  }
  return undefined;
}

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
