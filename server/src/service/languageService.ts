import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Hover, Position, Range } from 'vscode-languageserver-types';
import { getCodeActions } from './codeActions';
import { getCompletions } from './completion';
import { getHover } from './hover';
import { buildPreviewModel } from './preview/model';
import { renderBody } from './preview/render';
import { siblingExportLinks } from './preview/exportLinks';
import type { PreviewResult } from './preview/lastGood';
import { applyEdits } from './edits';
import { lintSettings, parseConfig, type ChartersConfig, type LintSettings } from './config';
import { addAllMissingSections, fixAllEdits } from './fixes';
import { lint } from './lint';
import { parse, type ParsedDocument } from './parse';
import { parseIncrementally } from './incrementalParse';
import { Schemas } from './schemas';
import type { ChartersDiagnostic, Fix } from './types';
import { summarize, type DocumentSummary, type WorkspaceIndex } from './workspace';

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
  validate(uri: string, parsed: ParsedDocument, index: WorkspaceIndex, settings: LintSettings): ChartersDiagnostic[];
  addAllMissingSections(parsed: ParsedDocument, diagnostics: ChartersDiagnostic[]): Fix | undefined;
  /** Apply preferred fixes until none is left (at most `passes` rounds); returns the new text. */
  fixAll(uri: string, text: string, index: WorkspaceIndex, settings: LintSettings, passes?: number): { text: string; applied: number };
  complete(parsed: ParsedDocument, position: Position, index: WorkspaceIndex, settings: LintSettings): CompletionList;
  hover(parsed: ParsedDocument, position: Position, index: WorkspaceIndex, settings: LintSettings): Hover | null;
  codeActions(parsed: ParsedDocument, diagnostics: ChartersDiagnostic[], range: Range, only?: string[]): CodeAction[];
  /**
   * The preview of a document as an HTML fragment (see preview/render.ts for the page around it):
   * for the webview by default; with `siblingExports` (the file names beside an export), for a
   * standalone page whose links go to those exports only (preview/exportLinks.ts).
   */
  preview(uri: string, parsed: ParsedDocument, index: WorkspaceIndex, settings: LintSettings, options?: PreviewOptions): PreviewResult;
  parseConfig(text: string): ReturnType<typeof parseConfig>;
  settings(config?: ChartersConfig): LintSettings;
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
    validate: (uri, parsed, index, settings) => lint({ uri, parsed, index, settings, schemas }),
    addAllMissingSections: (parsed, diagnostics) => addAllMissingSections(parsed, diagnostics, schemas),
    fixAll(uri, text, index, settings, passes = 10) {
      let current = text;
      let applied = 0;
      for (let pass = 0; pass < passes; pass++) {
        const textDocument = TextDocument.create(uri, 'yaml', pass, current);
        const parsed = parse(textDocument);
        const errorsBefore = parsed.yaml.errors.length;
        const groups = fixAllEdits(textDocument, lint({ uri, parsed, index, settings, schemas }));
        if (groups.length === 0) break;
        const breaks = (candidate: string) => parse(TextDocument.create(uri, 'yaml', pass, candidate)).yaml.errors.length > errorsBefore;
        let next = applyEdits(textDocument, groups.flat());
        let count = groups.length;
        if (breaks(next)) {
          // fixes that are right alone can clash together (a rename and an insert of the same key): take them one by one
          next = current;
          count = 0;
          for (const group of groups.slice(0, 50)) { // bounded: each try is a parse of the whole text
            const candidate = applyEdits(TextDocument.create(uri, 'yaml', pass, next), group);
            if (breaks(candidate)) continue;
            next = candidate;
            count++;
            break; // re-lint before the next one: ranges moved
          }
        }
        if (count === 0 || next === current) break;
        current = next;
        applied += count;
      }
      return { text: current, applied };
    },
    // a document refused for its size or depth (docs/limits.md) offers nothing to complete or hover
    complete: (parsed, position, index, settings) =>
      parsed.refused ? { isIncomplete: false, items: [] } : getCompletions(parsed, position, { schemas, index, taxonomy: settings.taxonomy }),
    hover: (parsed, position, index, settings) => (parsed.refused ? null : getHover(parsed, position, { schemas, index, taxonomy: settings.taxonomy })),
    codeActions: (parsed, diagnostics, range, only) => getCodeActions(parsed, diagnostics, range, only, schemas),
    preview(uri, parsed, index, settings, options = {}) {
      const model = buildPreviewModel(parsed, uri, index, settings.taxonomy);
      const standalone = options.siblingExports !== undefined;
      const linkTarget = standalone ? siblingExportLinks(options.siblingExports!) : undefined;
      const body = renderBody(model, { interactive: !standalone, linkTarget });
      return model.kind === 'problem' && model.syntaxError ? { title: model.title, body, syntaxError: model.syntaxError } : { title: model.title, body };
    },
    parseConfig: (text) => parseConfig(text, schemas),
    settings: lintSettings,
  };
}

export type { ChartersDiagnostic, DocumentSummary, LintSettings, ParsedDocument, WorkspaceIndex };
