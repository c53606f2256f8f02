// What changed between two revisions of a repository's product documents, in product words
// (`charters diff`). Pure: the caller reads both revisions, parses and lints them, and passes
// the results; this matches documents by kind and id and compares what they say.
import { kindDefinition } from '../kinds';
import { severityName } from '../lint';
import type { ParsedDocument } from '../parse';
import { isRecord } from '../schemas';
import type { Taxonomy } from '../taxonomy';
import { KINDS, type ChartersDiagnostic, type Kind, type Severity } from '../types';
import { compareDocument } from './kinds';
import type { Change, Names } from './words';

export type { Change } from './words';

/** One document of one revision, as the caller read, parsed and linted it. */
export interface RevisionDocument {
  /** Its path in the repository, with `/` separators. */
  path: string;
  parsed: ParsedDocument;
  /** Every finding of the document at that revision, in its workspace at that revision. */
  findings: readonly ChartersDiagnostic[];
  /** The taxonomy of its workspace at that revision. */
  taxonomy: Taxonomy;
  /** The config's `externalRoles` of its workspace at that revision, by id: their titles name them. */
  externalRoles?: ReadonlyMap<string, { title: string }>;
}

export interface CompareOptions {
  /** Only documents whose path (either side's) passes are reported; all are read for names. */
  includes?: (path: string) => boolean;
}

export interface FindingChange {
  code: string;
  severity: Severity;
  message: string;
  /** 0-based, in the revision where the finding is (HEAD for added, BASE for fixed). */
  line: number;
}

export interface DocumentChanges {
  kind: Kind;
  id: string;
  /** HEAD's title (BASE's for a removed document), or the id when it has none. */
  title: string;
  /** `unchanged`: what it says is the same; only its findings changed. */
  status: 'added' | 'removed' | 'renamed' | 'modified' | 'unchanged';
  /** HEAD's path (BASE's for a removed document). */
  path: string;
  /** BASE's path, for a renamed or moved document. */
  previousPath?: string;
  changes: Change[];
  findingsAdded: FindingChange[];
  findingsFixed: FindingChange[];
}

/** A document that could not be read at one revision or both (not valid YAML, no kind, no id). */
export interface UnreadableDocument {
  path: string;
  at: 'base' | 'head' | 'both';
  /** Why, for each side it could not be read at. */
  reasons: { base?: string; head?: string };
  findingsAdded: FindingChange[];
  findingsFixed: FindingChange[];
}

export interface ChangeReport {
  /** In the kinds' order, then by title. */
  documents: DocumentChanges[];
  unreadable: UnreadableDocument[];
  summary: {
    added: number;
    removed: number;
    renamed: number;
    modified: number;
    unreadable: number;
    findingsAdded: Record<Severity, number>;
    findingsFixed: number;
  };
}

interface Entry {
  doc: RevisionDocument;
  kind?: Kind;
  id?: string;
  value?: Record<string, unknown>;
  /** Why it cannot be compared; undefined when it can. */
  problem?: string;
}

export function compareRevisions(base: readonly RevisionDocument[], head: readonly RevisionDocument[], options: CompareOptions = {}): ChangeReport {
  const before = base.map(entryOf);
  const after = head.map(entryOf);
  const includes = options.includes ?? (() => true);
  const titles = new Map<string, string>();
  for (const entry of [...before, ...after]) {
    const title = entry.value?.title;
    if (entry.kind && entry.id && typeof title === 'string' && title.trim()) titles.set(`${entry.kind}:${entry.id}`, title.trim());
  }
  const documents: DocumentChanges[] = [];
  const unreadable: UnreadableDocument[] = [];
  const pairs = match(
    before.filter((entry) => !entry.problem),
    after.filter((entry) => !entry.problem),
  );
  const brokenBefore = new Map(before.filter((entry) => entry.problem).map((entry) => [entry.doc.path, entry]));
  const brokenAfter = new Map(after.filter((entry) => entry.problem).map((entry) => [entry.doc.path, entry]));

  for (const [was, is] of pairs) {
    const shown = is ?? was!;
    if (!includes(shown.doc.path) && !(was && includes(was.doc.path))) continue;
    // a document broken on the other side at the same path is reported there, not as added or removed
    if (!was && brokenBefore.has(is!.doc.path)) continue;
    if (!is && brokenAfter.has(was!.doc.path)) continue;
    const external = (id: string) => is?.doc.externalRoles?.get(id)?.title ?? was?.doc.externalRoles?.get(id)?.title;
    const names: Names = {
      document: (kind, id) => titles.get(`${kind}:${id}`) ?? (kind === 'role' ? external(id) : undefined),
      before: (was ?? is)!.doc.taxonomy,
      after: (is ?? was)!.doc.taxonomy,
    };
    const changes = was && is ? compareDocument(shown.kind!, was.value, is.value, names) : [];
    const findings = compareFindings(was?.doc.findings ?? [], is?.doc.findings ?? []);
    const status = !was ? 'added' : !is ? 'removed' : was.doc.path !== is.doc.path ? 'renamed' : changes.length ? 'modified' : 'unchanged';
    if (status === 'unchanged' && !findings.added.length && !findings.fixed.length) continue;
    documents.push({
      kind: shown.kind!,
      id: shown.id!,
      title: typeof shown.value?.title === 'string' && shown.value.title.trim() ? shown.value.title.trim() : shown.id!,
      status,
      path: shown.doc.path,
      ...(status === 'renamed' ? { previousPath: was!.doc.path } : {}),
      changes,
      // a removed document's findings went with it: they are not fixes
      findingsAdded: status === 'removed' ? [] : findings.added,
      findingsFixed: status === 'removed' ? [] : findings.fixed,
    });
  }

  for (const path of [...new Set([...brokenBefore.keys(), ...brokenAfter.keys()])].sort()) {
    if (!includes(path)) continue;
    const was = brokenBefore.get(path) ?? before.find((entry) => entry.doc.path === path);
    const is = brokenAfter.get(path) ?? after.find((entry) => entry.doc.path === path);
    // broken at both and unchanged: nothing for the reader to review
    if (was?.problem && is?.problem && was.doc.parsed.textDocument.getText() === is.doc.parsed.textDocument.getText()) continue;
    const at = was?.problem && is?.problem ? 'both' : was?.problem ? 'base' : 'head';
    const findings = compareFindings(was?.doc.findings ?? [], is?.doc.findings ?? []);
    unreadable.push({
      path,
      at,
      reasons: { ...(was?.problem ? { base: was.problem } : {}), ...(is?.problem ? { head: is.problem } : {}) },
      findingsAdded: is ? findings.added : [],
      findingsFixed: was && is ? findings.fixed : [],
    });
  }

  documents.sort(
    (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || compareText(a.title, b.title) || compareText(a.id, b.id) || compareText(a.path, b.path),
  );
  const findingsAdded: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let findingsFixed = 0;
  for (const item of [...documents, ...unreadable]) {
    for (const finding of item.findingsAdded) findingsAdded[finding.severity]++;
    findingsFixed += item.findingsFixed.length;
  }
  const count = (status: DocumentChanges['status']) => documents.filter((doc) => doc.status === status).length;
  return {
    documents,
    unreadable,
    summary: {
      added: count('added'),
      removed: count('removed'),
      renamed: count('renamed'),
      modified: count('modified'),
      unreadable: unreadable.length,
      findingsAdded,
      findingsFixed,
    },
  };
}

/** `Senior PM [senior-pm]`: how a document is named at the start of each of its changes. */
export function documentTitle(doc: Pick<DocumentChanges, 'title' | 'id'>): string {
  return doc.title === doc.id ? `[${doc.id}]` : `${doc.title} [${doc.id}]`;
}

/** `Roles`, `Strategies`: the heading of a kind's changes. */
export function kindHeading(kind: Kind): string {
  const title = kindDefinition(kind).title;
  return title.endsWith('y') ? `${title.slice(0, -1)}ies` : `${title}s`;
}

function entryOf(doc: RevisionDocument): Entry {
  const { parsed } = doc;
  const problem = unreadableBecause(parsed);
  if (problem) return { doc, problem };
  const value = parsed.value as Record<string, unknown>;
  return { doc, kind: parsed.kind, id: value.id as string, value };
}

function unreadableBecause(parsed: ParsedDocument): string | undefined {
  if (parsed.refused) return parsed.refused;
  const error = parsed.yaml.errors[0];
  if (error) {
    const line = parsed.textDocument.positionAt(error.pos[0]).line + 1;
    return `line ${line}: ${error.message.split('\n')[0]}`;
  }
  if (parsed.tooManyAliases) return 'its aliases expand too far';
  if (!isRecord(parsed.value)) return 'it holds no fields';
  if (!parsed.kind) return 'its kind is missing or unknown';
  const id = parsed.value.id;
  if (typeof id !== 'string' || !id.trim()) return 'it has no id';
  return undefined;
}

/**
 * Pairs of (BASE, HEAD) entries: a document is the same one on both sides when its kind and id
 * are; several documents sharing an id pair by path first. Unpaired entries stand alone.
 */
function match(before: Entry[], after: Entry[]): [Entry | undefined, Entry | undefined][] {
  const key = (entry: Entry) => `${entry.kind}:${entry.id}`;
  const group = (entries: Entry[]) => {
    const map = new Map<string, Entry[]>();
    for (const entry of [...entries].sort((a, b) => compareText(a.doc.path, b.doc.path))) map.set(key(entry), [...(map.get(key(entry)) ?? []), entry]);
    return map;
  };
  const was = group(before);
  const is = group(after);
  const pairs: [Entry | undefined, Entry | undefined][] = [];
  for (const k of new Set([...was.keys(), ...is.keys()])) {
    const left = [...(was.get(k) ?? [])];
    const right = [...(is.get(k) ?? [])];
    for (const entry of [...left]) {
      const same = right.findIndex((other) => other.doc.path === entry.doc.path);
      if (same === -1) continue;
      pairs.push([entry, right[same]]);
      right.splice(same, 1);
      left.splice(left.indexOf(entry), 1);
    }
    while (left.length && right.length) pairs.push([left.shift(), right.shift()]);
    for (const entry of left) pairs.push([entry, undefined]);
    for (const entry of right) pairs.push([undefined, entry]);
  }
  return pairs;
}

/** Findings on one side only, matched by rule and message (never by line): a multiset difference. */
function compareFindings(before: readonly ChartersDiagnostic[], after: readonly ChartersDiagnostic[]) {
  const key = (finding: ChartersDiagnostic) => `${finding.code}\u0000${finding.message}`;
  const remaining = new Map<string, number>();
  for (const finding of before) remaining.set(key(finding), (remaining.get(key(finding)) ?? 0) + 1);
  const added: FindingChange[] = [];
  for (const finding of after) {
    const left = remaining.get(key(finding)) ?? 0;
    if (left > 0) remaining.set(key(finding), left - 1);
    else added.push(findingOf(finding));
  }
  const stillThere = new Map<string, number>();
  for (const finding of after) stillThere.set(key(finding), (stillThere.get(key(finding)) ?? 0) + 1);
  const fixed: FindingChange[] = [];
  for (const finding of before) {
    const left = stillThere.get(key(finding)) ?? 0;
    if (left > 0) stillThere.set(key(finding), left - 1);
    else fixed.push(findingOf(finding));
  }
  return { added, fixed };
}

function findingOf(diagnostic: ChartersDiagnostic): FindingChange {
  return { code: diagnostic.code, severity: severityName(diagnostic.severity), message: diagnostic.message, line: diagnostic.range.start.line };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
