import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { nodeAt, nodeRange, type Path } from './ast';
import type { ParsedDocument } from './parse';
import { isRecord, type Schemas } from './schemas';
import { documentGlobs } from './kinds';
import type { Kind, Range } from './types';

export { fileName } from './kinds';

/** The default globs of charter documents (the document model's "Files"); settings and config add more. */
export const DOCUMENT_GLOBS: string[] = documentGlobs();
/** Never searched for documents, whatever the globs say. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** A place in a document that names another document by id. */
export interface Reference {
  kind: Kind;
  id: string;
  path: Path;
  range: Range;
}

/**
 * Charters and strategies may name roles of the config's `externalRoles` (team, owners, decision
 * rights); roles and ladders may not: a manager or a ladder's rung is a role document.
 */
export function namesExternalRoles(kind: Kind | undefined): boolean {
  return kind === 'charter' || kind === 'strategy';
}

/** What the workspace knows of one document: enough for cross-document rules and navigation. */
export interface DocumentSummary {
  uri: string;
  kind: Kind;
  id?: string;
  idRange?: Range;
  title?: string;
  /** The sentence that says what the document is about: a role's summary, a vision's statement, a charter's mission. */
  summary?: string;
  level?: string;
  track?: string;
  reportsTo?: string;
  inherits?: string;
  /** Taxonomy responsibility ids the role lists itself (not the inherited ones). */
  responsibilities: string[];
  /** The role's own duties, written as `{text, area}`. */
  duties: { text: string; area: string }[];
  /** A ladder's tracks, role ids lowest first. */
  tracks: { id: string; title: string; roles: string[] }[];
  references: Reference[];
}

/**
 * What a rule may read of another document: its summary without its references. The rules read
 * the index through `RuleIndex`, so none can read them, and an index built only for a lint may
 * leave them out (`summarizeText` with `references: false`: parallelLint.ts).
 */
export type IndexedDocument = Omit<DocumentSummary, 'references'>;

/** The cross-document view the rules read (`RuleContext.index`). */
export interface RuleIndex {
  get(uri: string): IndexedDocument | undefined;
  documents(kind?: Kind): Iterable<IndexedDocument>;
  find(kind: Kind, id: string): readonly IndexedDocument[];
}

/** The cross-document view of the service: the rules' view, with every summary whole. The service is given one; it never reads files itself. */
export interface WorkspaceIndex extends RuleIndex {
  get(uri: string): DocumentSummary | undefined;
  documents(kind?: Kind): Iterable<DocumentSummary>;
  find(kind: Kind, id: string): readonly DocumentSummary[];
}

export class MemoryIndex implements WorkspaceIndex {
  private readonly byUri = new Map<string, DocumentSummary>();
  /** By kind, then id: the rules look ids up for every reference they check, so no key string is built per lookup. */
  private readonly byKindAndId = new Map<Kind, Map<string, DocumentSummary[]>>();

  set(summary: DocumentSummary): void {
    this.delete(summary.uri);
    this.byUri.set(summary.uri, summary);
    if (summary.id !== undefined) {
      let byId = this.byKindAndId.get(summary.kind);
      if (!byId) this.byKindAndId.set(summary.kind, (byId = new Map()));
      byId.set(summary.id, [...(byId.get(summary.id) ?? []), summary]);
    }
  }

  delete(uri: string): DocumentSummary | undefined {
    const previous = this.byUri.get(uri);
    if (!previous) return undefined;
    this.byUri.delete(uri);
    const byId = previous.id === undefined ? undefined : this.byKindAndId.get(previous.kind);
    if (byId && previous.id !== undefined) {
      const rest = (byId.get(previous.id) ?? []).filter((item) => item.uri !== uri);
      if (rest.length) byId.set(previous.id, rest);
      else byId.delete(previous.id);
    }
    return previous;
  }

  get(uri: string): DocumentSummary | undefined {
    return this.byUri.get(uri);
  }

  *documents(kind?: Kind): Iterable<DocumentSummary> {
    for (const summary of this.byUri.values()) if (!kind || summary.kind === kind) yield summary;
  }

  find(kind: Kind, id: string): readonly DocumentSummary[] {
    return this.byKindAndId.get(kind)?.get(id) ?? NONE;
  }

  /** Documents whose findings can change when a document of `kind` with `id` changes. */
  dependentsOf(kind: Kind, ids: readonly string[]): DocumentSummary[] {
    const wanted = new Set(ids);
    const result: DocumentSummary[] = [];
    for (const summary of this.byUri.values()) {
      const refers = summary.references.some((ref) => ref.kind === kind && wanted.has(ref.id));
      const sharesId = summary.kind === kind && summary.id !== undefined && wanted.has(summary.id);
      if (refers || sharesId) result.push(summary);
    }
    return result;
  }

  get size(): number {
    return this.byUri.size;
  }
}

const NONE: readonly DocumentSummary[] = Object.freeze([]);

export function summarize(uri: string, parsed: ParsedDocument, schemas: Schemas): DocumentSummary | undefined {
  const kind = parsed.kind;
  if (!kind) return undefined;
  const idNode = nodeAt(parsed.yaml, ['id']);
  const idRange = isScalar(idNode) ? nodeRange(parsed.textDocument, idNode) : undefined;
  const value = isRecord(parsed.value) ? parsed.value : {};
  return summaryOf(uri, kind, (key) => value[key], idRange, collectReferences(parsed, schemas));
}

/**
 * A summary from a document's kind, its top-level fields as plain data (`field`), its id's range
 * and its references: the full parse's or the light scan's (lightScan.ts).
 */
export function summaryOf(uri: string, kind: Kind, field: (key: string) => unknown, idRange: Range | undefined, references: Reference[]): DocumentSummary {
  const text = (key: string) => {
    const value = field(key);
    return typeof value === 'string' ? value : undefined;
  };
  const listed = field('responsibilities');
  const tracks = field('tracks');
  const responsibilities = Array.isArray(listed) ? listed.filter((item): item is string => typeof item === 'string') : [];
  return {
    uri,
    kind,
    id: text('id'),
    idRange,
    title: text('title'),
    summary: text('summary') ?? text('statement') ?? text('mission'),
    level: text('level'),
    track: text('track'),
    reportsTo: text('reportsTo'),
    inherits: text('inherits'),
    responsibilities: kind === 'role' ? responsibilities : [],
    duties: kind === 'role' && Array.isArray(listed) ? listed.filter(isDuty) : [],
    tracks: kind === 'ladder' && Array.isArray(tracks) ? tracks.filter(isRecord).map(toTrack) : [],
    references,
  };
}

/** Every scalar whose schema carries `x-reference`, walked from the parsed tree. */
export function collectReferences(parsed: ParsedDocument, schemas: Schemas): Reference[] {
  const kind = parsed.kind;
  const references: Reference[] = [];
  if (!kind) return references;
  // descend only where the schema can hold a reference: most of a document cannot
  const prefixes = schemas.referencePrefixes(kind);
  // a child's path is copied only when the schema can hold a reference below it (`prefixes`)
  const visit = (node: Node | null | undefined, path: Path, pattern: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
        const below = pattern === '' ? pair.key.value : `${pattern}/${pair.key.value}`;
        if (prefixes.has(below)) visit(pair.value as Node, [...path, pair.key.value], below);
      }
    } else if (isSeq(node)) {
      const below = pattern === '' ? '*' : `${pattern}/*`;
      if (prefixes.has(below)) node.items.forEach((item, index) => visit(item as Node, [...path, index], below));
    } else if (isScalar(node) && typeof node.value === 'string' && node.value !== '') {
      const target = schemas.referenceAt(kind, path, pattern);
      const range = nodeRange(parsed.textDocument, node);
      if (target && range) references.push({ kind: target, id: node.value, path, range });
    }
  };
  visit(parsed.yaml.contents as Node, [], '');
  return references;
}

/** The role with this id and the roles it inherits from, following `inherits` until it loops. */
export function inheritedRoles(index: RuleIndex, roleId: string): IndexedDocument[] {
  const roles: IndexedDocument[] = [];
  const seen = new Set<string>();
  let current: string | undefined = roleId;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const role: IndexedDocument | undefined = index.find('role', current)[0];
    if (role) roles.push(role);
    current = role?.inherits;
  }
  return roles;
}

/** A role's own taxonomy responsibilities plus those it inherits. */
export function effectiveResponsibilities(index: RuleIndex, roleId: string): Set<string> {
  return new Set(inheritedRoles(index, roleId).flatMap((role) => role.responsibilities));
}

function isDuty(item: unknown): item is { text: string; area: string } {
  return isRecord(item) && typeof item.text === 'string' && typeof item.area === 'string';
}

function toTrack(track: Record<string, unknown>, index: number): { id: string; title: string; roles: string[] } {
  const id = typeof track.id === 'string' ? track.id : `track-${index + 1}`;
  return {
    id,
    title: typeof track.title === 'string' ? track.title : id,
    roles: Array.isArray(track.roles) ? track.roles.filter((role): role is string => typeof role === 'string') : [],
  };
}
