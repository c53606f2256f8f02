import { performance } from 'node:perf_hooks';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import type { ParsedDocument } from '../service/parse';
import type { ChartersDiagnostic } from '../service/types';
import type { DocumentSummary } from '../service/workspace';
import type { WorkspaceState } from './workspaceState';

/** Parse once per document version; every handler reads the same parse. */
export class ParseCache {
  private readonly entries = new Map<string, { version: number; parsed: ParsedDocument }>();

  constructor(private readonly service: LanguageService) {}

  get(textDocument: TextDocument): ParsedDocument {
    const entry = this.entries.get(textDocument.uri);
    if (entry && entry.version === textDocument.version) return entry.parsed;
    const parsed = this.service.parse(textDocument);
    this.entries.set(textDocument.uri, { version: textDocument.version, parsed });
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/** What in a summary other documents' findings depend on. */
function signature(summary: DocumentSummary | undefined): string {
  if (!summary) return '';
  const { kind, id, level, track, reportsTo, inherits, responsibilities, tracks } = summary;
  return JSON.stringify([kind, id, level, track, reportsTo, inherits, responsibilities, tracks]);
}

/**
 * The one place that decides when to validate. A change is validated at once when the last
 * validation was cheap (the typist never waits behind a timer), and coalesced briefly when it
 * was not; documents that depend on a changed one are re-checked after it.
 */
export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private lastCost = 0;
  readonly published = new Map<string, { version: number | undefined; diagnostics: ChartersDiagnostic[] }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: ParseCache,
    private readonly workspace: WorkspaceState,
    private readonly service: LanguageService,
  ) {}

  /** An open document changed: refresh its index entry now, validate it soon, then its dependents. */
  changed(textDocument: TextDocument): void {
    const uri = textDocument.uri;
    const before = this.workspace.index.get(uri);
    const after = this.workspace.indexParsed(uri, this.cache.get(textDocument));
    this.schedule(uri);
    if (signature(before) !== signature(after)) this.revalidateDependents([before, after]);
  }

  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    const delay = this.lastCost <= 15 ? 0 : Math.min(100, Math.round(this.lastCost));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.validateOpen(uri);
      }, delay),
    );
  }

  validateOpen(uri: string): void {
    const textDocument = this.documents.get(uri);
    if (!textDocument) return;
    const started = performance.now();
    const diagnostics = this.run(uri, this.cache.get(textDocument));
    this.lastCost = performance.now() - started;
    this.publish(uri, textDocument.version, diagnostics);
  }

  /** Validate a document that is not open, from its text on disk. */
  validateClosed(uri: string, text: string): void {
    const parsed = this.service.parse(TextDocument.create(uri, 'yaml', 0, text));
    this.publish(uri, undefined, this.run(uri, parsed));
  }

  revalidateAllOpen(): void {
    for (const textDocument of this.documents.all()) if (this.workspace.isCharterFile(textDocument.uri)) this.schedule(textDocument.uri);
  }

  /** Re-check every document whose findings can change with these summaries, open or not. */
  revalidateDependents(summaries: (DocumentSummary | undefined)[], exclude?: string): void {
    const seen = new Set<string>(summaries.flatMap((summary) => (summary ? [summary.uri] : [])));
    if (exclude) seen.add(exclude);
    let frontier = summaries.filter((summary): summary is DocumentSummary => summary?.id !== undefined);
    // follow chains a few steps: a reporting cycle through three roles is found from any of them
    for (let depth = 0; depth < 5 && frontier.length; depth++) {
      const next: DocumentSummary[] = [];
      for (const summary of frontier) {
        for (const dependent of this.workspace.index.dependentsOf(summary.kind, [summary.id!])) {
          if (seen.has(dependent.uri)) continue;
          seen.add(dependent.uri);
          next.push(dependent);
          if (this.documents.get(dependent.uri)) this.schedule(dependent.uri);
          else this.revalidateFromDisk(dependent.uri);
        }
      }
      frontier = next.filter((summary) => summary.kind === 'role');
    }
  }

  /** A closed document's findings are shown only once it had some; re-check those from disk. */
  private revalidateFromDisk(uri: string): void {
    const text = this.readClosed?.(uri);
    if (text !== undefined) this.validateClosed(uri, text);
  }

  readClosed?: (uri: string) => string | undefined;

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private run(uri: string, parsed: ParsedDocument): ChartersDiagnostic[] {
    try {
      return this.service.validate(uri, parsed, this.workspace.index, this.workspace.settingsFor(uri));
    } catch (error) {
      this.connection.console.error(`Validation of ${uri} failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  }

  private publish(uri: string, version: number | undefined, diagnostics: ChartersDiagnostic[]): void {
    this.published.set(uri, { version, diagnostics });
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
