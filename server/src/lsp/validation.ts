import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ChartersDiagnostic, DocumentSummary, LanguageService, MemoryIndex, ParsedDocument } from '../service';
import type { WorkspaceState } from './workspaceState';

/**
 * Parse once per document version; every handler reads the same parse. A new version of an open
 * document re-parses only the top-level blocks the edit touched (incrementalParse.ts), reusing the
 * previous version's parse of the others: the result is the full parse's, only sooner.
 */
export class ParseCache {
  private readonly entries = new Map<string, { version: number; parsed: ParsedDocument }>();

  constructor(private readonly service: LanguageService) {}

  get(textDocument: TextDocument): ParsedDocument {
    const entry = this.entries.get(textDocument.uri);
    if (entry && entry.version === textDocument.version) return entry.parsed;
    const parsed = this.service.reparse(entry?.parsed, textDocument);
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
 * The one place that decides when to validate. A change is validated at once unless it came
 * hard on the heels of the previous change to the same document (sooner than that document takes
 * to check): then it is coalesced briefly, so a burst of keystrokes costs one validation, while a
 * typist never waits behind a timer. Documents that depend on a changed one are re-checked after it.
 */
export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** What each document last cost to check, ms: parse and index on change, plus validation. */
  private readonly costs = new Map<string, { parse: number; validate: number }>();
  private readonly lastChange = new Map<string, number>();
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
    const started = performance.now();
    const burst = started - (this.lastChange.get(uri) ?? -Infinity) < this.cost(uri);
    this.lastChange.set(uri, started);
    const before = this.workspace.summaryOf(uri);
    const after = this.workspace.indexParsed(uri, this.cache.get(textDocument));
    this.costs.set(uri, { parse: performance.now() - started, validate: this.costs.get(uri)?.validate ?? 0 });
    this.schedule(uri, burst);
    if (signature(before) !== signature(after)) this.revalidateDependents([before, after]);
  }

  /**
   * Validate soon. `coalesce`: wait as long as the document takes to check (at most 100 ms), for
   * more changes; otherwise only documents slower than 15 ms to check wait, as long as they take.
   */
  schedule(uri: string, coalesce?: boolean): void {
    clearTimeout(this.timers.get(uri));
    const cost = this.cost(uri);
    const wait = coalesce === undefined ? cost > 15 : coalesce;
    const delay = wait ? Math.min(100, Math.round(cost)) : 0;
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.validateOpen(uri);
      }, delay),
    );
  }

  private cost(uri: string): number {
    const cost = this.costs.get(uri);
    return cost ? cost.parse + cost.validate : 0;
  }

  validateOpen(uri: string): void {
    const textDocument = this.documents.get(uri);
    if (!textDocument) return;
    const started = performance.now();
    const diagnostics = this.run(uri, this.cache.get(textDocument));
    this.costs.set(uri, { parse: this.costs.get(uri)?.parse ?? 0, validate: performance.now() - started });
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

  /**
   * Re-check every document whose findings can change with these summaries, open or not. Open
   * dependents are scheduled like an edit; closed ones are queued and re-checked from disk in
   * short slices afterwards, so a rename's open dependents never wait behind the whole workspace.
   */
  revalidateDependents(summaries: (DocumentSummary | undefined)[], exclude?: string): void {
    const seen = new Set<string>(summaries.flatMap((summary) => (summary ? [summary.uri] : [])));
    if (exclude) seen.add(exclude);
    let frontier = summaries.filter((summary): summary is DocumentSummary => summary?.id !== undefined);
    // follow chains a few steps: a reporting cycle through three roles is found from any of them
    for (let depth = 0; depth < 5 && frontier.length; depth++) {
      const next: DocumentSummary[] = [];
      // one pass over each workspace's index per kind and step, not one per document of the frontier
      const idsByIndex = new Map<MemoryIndex, Map<DocumentSummary['kind'], string[]>>();
      for (const summary of frontier) {
        const index = this.workspace.indexOf(summary.uri);
        const idsByKind = idsByIndex.get(index) ?? new Map<DocumentSummary['kind'], string[]>();
        idsByIndex.set(index, idsByKind);
        const ids = idsByKind.get(summary.kind);
        if (ids) ids.push(summary.id!);
        else idsByKind.set(summary.kind, [summary.id!]);
      }
      for (const [index, idsByKind] of idsByIndex) {
        for (const [kind, ids] of idsByKind) {
          for (const dependent of index.dependentsOf(kind, ids)) {
            if (seen.has(dependent.uri)) continue;
            seen.add(dependent.uri);
            next.push(dependent);
            if (this.documents.get(dependent.uri)) this.schedule(dependent.uri);
            else this.closedQueue.add(dependent.uri);
          }
        }
      }
      frontier = next.filter((summary) => summary.kind === 'role');
    }
    this.drainClosedSoon();
  }

  /** Closed documents waiting to be re-checked from disk, oldest first. */
  private readonly closedQueue = new Set<string>();
  private drainTimer: NodeJS.Timeout | undefined;

  /** Re-check queued closed documents for a few milliseconds at a time, after pending open-document work. */
  private drainClosedSoon(): void {
    if (this.drainTimer || this.closedQueue.size === 0) return;
    this.drainTimer = setTimeout(() => {
      this.drainTimer = undefined;
      const deadline = performance.now() + 10;
      for (const uri of this.closedQueue) {
        this.closedQueue.delete(uri);
        if (!this.documents.get(uri)) this.revalidateFromDisk(uri);
        if (performance.now() > deadline) break;
      }
      this.drainClosedSoon();
    }, 0);
  }

  /** Re-check a closed document from its text on disk. */
  private revalidateFromDisk(uri: string): void {
    const text = this.readClosed?.(uri);
    if (text !== undefined) this.validateClosed(uri, text);
  }

  readClosed?: (uri: string) => string | undefined;

  clear(uri: string): void {
    this.closedQueue.delete(uri);
    this.costs.delete(uri);
    this.lastChange.delete(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private run(uri: string, parsed: ParsedDocument): ChartersDiagnostic[] {
    try {
      return this.service.validate(uri, parsed, this.workspace.indexOf(uri), this.workspace.settingsFor(uri), {
        workspaceReady: this.workspace.isIndexed(uri),
      });
    } catch (error) {
      this.connection.console.error(`Validation of ${uri} failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  }

  private publish(uri: string, version: number | undefined, diagnostics: ChartersDiagnostic[]): void {
    const previous = this.published.get(uri);
    this.published.set(uri, { version, diagnostics });
    // A re-check that finds what the editor already shows sends nothing: VS Code asks for a
    // document's code actions again whenever its markers change, which cancels a Ctrl+. menu on
    // its way ("No code actions available"), and redraws the Problems panel.
    if (previous && previous.version === version && JSON.stringify(previous.diagnostics) === JSON.stringify(diagnostics)) return;
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
