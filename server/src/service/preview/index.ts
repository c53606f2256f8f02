import type { ExternalRole } from '../config';
import { freeProse } from '../markdownDocument';
import type { ParsedDocument } from '../parse';
import { renderProse } from './prose';
import { syntaxProblems, type SyntaxProblem } from '../rules/yamlSyntax';
import type { Taxonomy } from '../taxonomy';
import type { Kind } from '../types';
import { fileName, type WorkspaceIndex } from '../workspace';
import { charterPreview, type CharterPreview } from './charter';
import { ladderPreview, type LadderPreview } from './ladder';
import { rolePreview, type RolePreview } from './role';
import { esc, Html, isRecord, ModelContext, text, type PreviewModule } from './shared';
import { strategyPreview, type StrategyPreview } from './strategy';
import { visionPreview, type VisionPreview } from './vision';

/**
 * The preview of a document: a model (plain JSON data, one shape per kind, built from one parsed
 * document and the workspace index), drawn as an HTML body that page.ts wraps, the same for the
 * webview and `charters render`. Each kind's model and drawing live in the kind's module; this
 * module picks the module by kind. Neither step throws: a document the preview cannot read, or a
 * bug, becomes a `problem` model that says what to fix.
 */
export type PreviewModel = LadderPreview | RolePreview | VisionPreview | StrategyPreview | CharterPreview | ProblemPreview;

export interface ProblemPreview {
  kind: 'problem';
  title: string;
  uri: string;
  /** What is wrong and what to do, in one sentence. */
  message: string;
  /** Specifics, such as the first YAML errors with their lines. */
  details: string[];
  /** The first syntax error, when that is why there is no preview. */
  syntaxError?: SyntaxProblem;
}

/** The preview module of each kind; checked to pair each kind with the module that builds its model. */
export const PREVIEW_MODULES: Record<Kind, PreviewModule> = {
  role: rolePreview,
  ladder: ladderPreview,
  vision: visionPreview,
  strategy: strategyPreview,
  charter: charterPreview,
} satisfies { [K in Kind]: PreviewModule<Extract<PreviewModel, { kind: K }>> };

export interface RenderOptions {
  /** Webview: titles of other documents are buttons carrying `data-uri`. Standalone HTML: plain text. Default true. */
  interactive?: boolean;
  /**
   * Standalone HTML: the relative address of another document's own page (see exportLinks.ts), or
   * undefined to leave its title as plain text. Never a path of the machine.
   */
  linkTarget?: (uri: string) => string | undefined;
  /** Show the taxonomy's description under each responsibility (the site's pages). Default false. */
  descriptions?: boolean;
}

const MAX_YAML_ERRORS = 5;

export function buildPreviewModel(
  parsed: ParsedDocument,
  uri: string,
  index: WorkspaceIndex,
  taxonomy: Taxonomy,
  externalRoles: ReadonlyMap<string, ExternalRole> = new Map(),
): PreviewModel {
  try {
    return buildModel(parsed, uri, index, taxonomy, externalRoles);
  } catch (error) {
    // the model is built from whatever the user typed; a bug here must not blank the preview
    return problem(uri, 'Preview unavailable', 'The preview could not be built for this document.', [String((error as Error)?.message ?? error)]);
  }
}

function buildModel(
  parsed: ParsedDocument,
  uri: string,
  index: WorkspaceIndex,
  taxonomy: Taxonomy,
  externalRoles: ReadonlyMap<string, ExternalRole>,
): PreviewModel {
  const name = fileName(uri);
  if (parsed.refused) return problem(uri, name, `${parsed.refused}.`, []);
  // in yaml-syntax's words, not the parser's; the webview keeps its last good rendering under the first
  const syntax = (parsed.yaml?.errors ?? []).length > 0 || parsed.tooManyAliases ? syntaxProblems(parsed) : [];
  if (syntax.length > 0) {
    const details = syntax.slice(0, MAX_YAML_ERRORS).map((error) => `Line ${error.line}: ${error.message}`);
    if (syntax.length > MAX_YAML_ERRORS) details.push(`… and ${syntax.length - MAX_YAML_ERRORS} more`);
    return { ...problem(uri, name, 'Fix the YAML errors to see the preview.', details), syntaxError: syntax[0] };
  }
  if (!isRecord(parsed.value)) return problem(uri, name, 'A charter document is a YAML mapping that starts with `kind:`; this file is not one yet.', []);
  if (!parsed.kind) {
    const kind = text(parsed.value.kind);
    return problem(
      uri,
      name,
      kind === undefined
        ? 'Add `kind:` (role, ladder, vision, strategy or charter) to see the preview.'
        : `"${kind}" is not a kind of document: use role, ladder, vision, strategy or charter.`,
      [],
    );
  }
  const context = new ModelContext(parsed.kind, parsed.value, uri, index, taxonomy, externalRoles);
  const model = PREVIEW_MODULES[parsed.kind].model(context) as Exclude<PreviewModel, ProblemPreview>;
  const prose = freeProse(parsed);
  return prose ? { ...model, prose } : model;
}

export function renderBody(model: PreviewModel, options: RenderOptions = {}): string {
  const html = new Html(options.interactive ?? true, options.interactive === false ? options.linkTarget : undefined, options.descriptions ?? false);
  try {
    if (model.kind === 'problem') return renderProblem(model);
    if (!Object.hasOwn(PREVIEW_MODULES, model.kind)) return renderProblem(problem('', 'Preview unavailable', 'This kind of document has no preview.', []));
    const prose = model.prose
      ? `\n<section class="prose" aria-labelledby="prose-h"><h2 id="prose-h">From the document</h2>\n${renderProse(model.prose)}</section>`
      : '';
    return PREVIEW_MODULES[model.kind].render(model, html) + prose;
  } catch (error) {
    return renderProblem(problem('', 'Preview unavailable', 'The preview could not be drawn.', [String((error as Error)?.message ?? error)]));
  }
}

function renderProblem(model: ProblemPreview): string {
  return `<section class="problem" role="status" aria-labelledby="problem-h">
<h1 id="problem-h">${esc(model.title)}</h1>
<p>${esc(model.message)}</p>
${model.details.length ? `<ul>${model.details.map((detail) => `<li><code>${esc(detail)}</code></li>`).join('')}</ul>` : ''}
</section>`;
}

function problem(uri: string, title: string, message: string, details: string[]): ProblemPreview {
  return { kind: 'problem', title, uri, message, details };
}
