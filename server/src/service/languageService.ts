import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionList,
  DocumentLink,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { PreviewResult } from '../protocol';
import { getCodeActions } from './codeActions';
import { getCompletions } from './completion';
import type { CreateDocumentContext } from './createDocument';
import { getHover } from './hover';
import * as navigation from './navigation';
import { buildPreviewModel, renderBody, type RenderOptions } from './preview';
import { siblingExportLinks } from './preview/exportLinks';
import { renderPage } from './preview/page';
import { lintSettings, parseConfig, type ChartersConfig, type LintSettings } from './config';
import { addAllMissingSections, fixAll, type FixChange } from './fixes';
import { lint } from './lint';
import { lightSummary, UNSURE } from './lightScan';
import { parse, type ParsedDocument } from './parse';
import { parseIncrementally } from './incrementalParse';
import { Schemas } from './schemas';
import type { ChartersDiagnostic, Fix } from './types';
import { summarize, type DocumentSummary, type WorkspaceIndex } from './workspace';
import { buildSite, type SiteDocument, type SiteOptions } from './site';

/**
 * The language service: pure functions over parsed documents. No file system, no LSP connection,
 * no editor: the workspace index and the settings come in as arguments.
 */
export interface LanguageService {
  parse(textDocument: TextDocument): ParsedDocument;
  /**
   * The parse of a new version of an edited document, re-parsing only the top-level blocks whose
   * text changed since `previous`; the same result as `parse`, cheaper for large documents.
   */
  reparse(previous: ParsedDocument | undefined, textDocument: TextDocument): ParsedDocument;
  summarize(uri: string, parsed: ParsedDocument): DocumentSummary | undefined;
  /**
   * The summary of a document not open in the editor, from its text: the light scan
   * (lightScan.ts) where it can read the text with certainty, else a full parse; the same result
   * as `summarize(uri, parse(…))` either way. With `references: false`, for an index that only
   * rules read (they read it as a `RuleIndex`, without references): every summary's `references`
   * is empty, and the scan skips finding them.
   */
  summarizeText(uri: string, text: string, options?: { references?: boolean }): DocumentSummary | undefined;
  /**
   * Every finding of one document. With `workspaceReady: false` (its workspace is still being
   * indexed) the rules that read other documents do not run, so nothing cross-document is reported
   * from a half-built index.
   */
  validate(uri: string, parsed: ParsedDocument, index: WorkspaceIndex, settings: LintSettings, options?: { workspaceReady?: boolean }): ChartersDiagnostic[];
  addAllMissingSections(parsed: ParsedDocument, diagnostics: ChartersDiagnostic[]): Fix | undefined;
  /**
   * Apply the preferred safe fixes until none is left (at most `passes` rounds); returns the new
   * text and each change made, in the order made.
   */
  fixAll(uri: string, text: string, index: WorkspaceIndex, settings: LintSettings, passes?: number): { text: string; applied: number; changes: FixChange[] };
  complete(parsed: ParsedDocument, position: Position, index: WorkspaceIndex, settings: LintSettings): CompletionList;
  hover(parsed: ParsedDocument, position: Position, index: WorkspaceIndex, settings: LintSettings): Hover | null;
  /** With `workspace`, a finding about a missing document also offers to create it. */
  codeActions(parsed: ParsedDocument, diagnostics: ChartersDiagnostic[], range: Range, only?: string[], workspace?: CreateDocumentContext): CodeAction[];
  // navigation: a document's ids and references are read from its summary in `index`
  definition(parsed: ParsedDocument, position: Position, index: WorkspaceIndex): Location[];
  references(parsed: ParsedDocument, position: Position, index: WorkspaceIndex, includeDeclaration: boolean): Location[];
  prepareRename(parsed: ParsedDocument, position: Position, index: WorkspaceIndex): { range: Range; placeholder: string } | undefined;
  /** The edit that renames an id and every reference to it, or why it cannot. */
  rename(parsed: ParsedDocument, position: Position, newName: string, index: WorkspaceIndex): WorkspaceEdit | { error: string };
  documentSymbols(parsed: ParsedDocument): DocumentSymbol[];
  workspaceSymbols(query: string, index: WorkspaceIndex): SymbolInformation[];
  documentLinks(parsed: ParsedDocument, index: WorkspaceIndex): DocumentLink[];
  /**
   * The preview of a document as an HTML fragment, for the editor's webview to put in its page
   * (preview/page.ts); with `siblingExports` (the file names beside an export), for a standalone
   * page whose links go to those exports only (preview/exportLinks.ts). While the YAML cannot be
   * read, the result names the first syntax error.
   */
  preview(uri: string, parsed: ParsedDocument, index: WorkspaceIndex, settings: LintSettings, options?: PreviewOptions): PreviewResult;
  /**
   * The preview as one self-contained HTML page (no script, nothing remote, styles allowed by
   * `nonce`); `problem` says why the document could not be previewed, when it could not. Other
   * documents are linked only to their exports among `siblingExports`, else named as text.
   */
  previewPage(
    uri: string,
    parsed: ParsedDocument,
    index: WorkspaceIndex,
    settings: LintSettings,
    nonce: string,
    options?: PreviewOptions,
  ): { html: string; problem?: string };
  /**
   * The static site of a workspace (`charters site`): every page, the stylesheet, by path relative
   * to the site's folder. `documents` are the workspace's documents, each already in `index`.
   * The same input gives the same bytes.
   */
  site(documents: readonly SiteDocument[], index: WorkspaceIndex, settings: LintSettings, options: SiteOptions): Map<string, string>;
  parseConfig(text: string): ReturnType<typeof parseConfig>;
  /** The settings of a workspace's config; `today` (`YYYY-MM-DD`) is the caller's date, for past-due. */
  settings(config?: ChartersConfig, today?: string): LintSettings;
  readonly schemas: Schemas;
}

export interface PreviewOptions {
  /** For an export: the names of the files in the folder it is written to. */
  siblingExports?: readonly string[];
}

export function createLanguageService(): LanguageService {
  const schemas = new Schemas();
  return {
    schemas,
    parse,
    reparse: (previous, textDocument) => parseIncrementally(previous, textDocument),
    summarize: (uri, parsed) => summarize(uri, parsed, schemas),
    summarizeText(uri, text, options) {
      const withReferences = options?.references ?? true;
      const light = lightSummary(uri, text, schemas, withReferences);
      if (light !== UNSURE) return light;
      const summary = summarize(uri, parse(TextDocument.create(uri, 'yaml', 0, text)), schemas);
      return summary && !withReferences ? { ...summary, references: [] } : summary;
    },
    validate: (uri, parsed, index, settings, options) => lint({ uri, parsed, index, settings, schemas, workspaceReady: options?.workspaceReady }),
    addAllMissingSections: (parsed, diagnostics) => addAllMissingSections(parsed, diagnostics, schemas),
    fixAll: (uri, text, index, settings, passes = 10) => fixAll(uri, text, (parsed) => lint({ uri, parsed, index, settings, schemas }), passes),
    // a document refused for its size or depth (docs/limits.md) offers nothing to complete or hover
    complete: (parsed, position, index, settings) =>
      parsed.refused
        ? { isIncomplete: false, items: [] }
        : getCompletions(parsed, position, { schemas, index, taxonomy: settings.taxonomy, externalRoles: settings.externalRoles }),
    hover: (parsed, position, index, settings) =>
      parsed.refused ? null : getHover(parsed, position, { schemas, index, taxonomy: settings.taxonomy, externalRoles: settings.externalRoles }),
    codeActions: (parsed, diagnostics, range, only, workspace) => getCodeActions(parsed, diagnostics, range, only, schemas, workspace),
    definition: (parsed, position, index) => navigation.getDefinition(index.get(parsed.textDocument.uri), position, index),
    references: (parsed, position, index, includeDeclaration) =>
      navigation.getReferences(index.get(parsed.textDocument.uri), position, index, includeDeclaration),
    prepareRename: (parsed, position, index) => navigation.prepareRename(index.get(parsed.textDocument.uri), position),
    rename: (parsed, position, newName, index) => navigation.rename(index.get(parsed.textDocument.uri), position, newName, index),
    documentSymbols: (parsed) => navigation.getDocumentSymbols(parsed),
    workspaceSymbols: (query, index) => navigation.getWorkspaceSymbols(query, index),
    documentLinks: (parsed, index) => navigation.getDocumentLinks(index.get(parsed.textDocument.uri), index),
    preview(uri, parsed, index, settings, options = {}) {
      const model = buildPreviewModel(parsed, uri, index, settings.taxonomy, settings.externalRoles);
      const body = renderBody(model, renderOptions(options));
      return model.kind === 'problem' && model.syntaxError ? { title: model.title, body, syntaxError: model.syntaxError } : { title: model.title, body };
    },
    previewPage(uri, parsed, index, settings, nonce, options = {}) {
      const model = buildPreviewModel(parsed, uri, index, settings.taxonomy, settings.externalRoles);
      const body = renderBody(model, renderOptions({ siblingExports: options.siblingExports ?? [] }));
      const html = renderPage(body, { nonce, standalone: true, title: model.title });
      return model.kind === 'problem' ? { html, problem: model.message } : { html };
    },
    site: (documents, index, settings, options) => buildSite(documents, index, settings, schemas, options),
    parseConfig: (text) => parseConfig(text, schemas),
    settings: lintSettings,
  };
}

/** The webview's preview by default; for an export, a standalone body linking the exports beside it. */
function renderOptions(options: PreviewOptions): RenderOptions {
  if (options.siblingExports === undefined) return { interactive: true };
  return { interactive: false, linkTarget: siblingExportLinks(options.siblingExports) };
}
