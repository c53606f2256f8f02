/// <reference path="../preview/css.d.ts" />
import PREVIEW_STYLE from '../preview/preview.css';
import type { LintSettings } from '../config';
import { KINDS } from '../kinds';
import { lint } from '../lint';
import type { ParsedDocument } from '../parse';
import { buildPreviewModel, renderBody } from '../preview';
import { esc } from '../preview/escape';
import type { Schemas } from '../schemas';
import type { ChartersDiagnostic, Kind } from '../types';
import { fileName, type DocumentSummary, type WorkspaceIndex } from '../workspace';
import { documentExtras } from './extras';
import { orgChartPage } from './orgChartPage';
import { overviewPage } from './overview';
import { ORG_CHART, OVERVIEW, relativeHref, RESPONSIBILITIES, SECTIONS, slug, STYLESHEET } from './paths';
import { responsibilitiesPage } from './responsibilities';
import { sitePage } from './shell';
import SITE_STYLE from './site.css';

/**
 * `charters site`: the whole workspace as static pages. Pure: the documents (parsed), the index
 * and the settings come in; a map of relative file path → content comes out, the same bytes for
 * the same input. Each document's page is its preview (preview/), with links between the pages;
 * the overview, the org chart and the responsibility index are the site's own.
 */

export interface SiteDocument {
  uri: string;
  parsed: ParsedDocument;
}

export interface SiteOptions {
  /** The site's name, shown on every page. */
  title: string;
  /** Called as documents are checked and pages drawn: `done` of `total` steps. */
  progress?: (done: number, total: number) => void;
}

/** A document as the site's pages see it: where its page is and what the checks found in it. */
export interface SiteEntry {
  uri: string;
  kind?: Kind;
  summary?: DocumentSummary;
  parsed: ParsedDocument;
  /** The page's path, for documents of a known kind. */
  page?: string;
  findings: ChartersDiagnostic[];
  /** The title to show: the document's, else its id, else its file name. */
  title: string;
}

export interface SiteContext {
  siteTitle: string;
  entries: SiteEntry[];
  index: WorkspaceIndex;
  settings: LintSettings;
  /** The page of a document by URI. */
  pageOf(uri: string | undefined): string | undefined;
  /** The page of a role by id. */
  rolePage(id: string): string | undefined;
  /** A link on `from` to a document's page, or its title as text when it has none. */
  link(from: string, uri: string | undefined, title: string): string;
}

export function buildSite(
  documents: readonly SiteDocument[],
  index: WorkspaceIndex,
  settings: LintSettings,
  schemas: Schemas,
  options: SiteOptions,
): Map<string, string> {
  const kindOrder = (kind: Kind | undefined) => (kind === undefined ? KINDS.length : KINDS.indexOf(kind));
  const total = documents.length * 2 + 3;
  let done = 0;
  const step = () => options.progress?.(++done, total);
  const entries: SiteEntry[] = documents.map(({ uri, parsed }) => {
    const summary = index.get(uri);
    const findings = lint({ uri, parsed, index, settings, schemas, workspaceReady: true });
    step();
    return { uri, kind: parsed.kind, summary, parsed, findings, title: summary?.title ?? summary?.id ?? fileName(uri) };
  });
  entries.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || compare(sortKey(a), sortKey(b)) || compare(a.uri, b.uri));

  // one page per document of a known kind, named by its id; a second document with the same name gets a number
  const taken = new Set<string>();
  const pages = new Map<string, string>();
  for (const entry of entries) {
    if (entry.kind === undefined) continue;
    const base = slug(entry.summary?.id ?? fileName(entry.uri).replace(/\.[^.]*$/, ''));
    let name = `${SECTIONS[entry.kind].folder}/${base}.html`;
    for (let n = 2; taken.has(name); n++) name = `${SECTIONS[entry.kind].folder}/${base}-${n}.html`;
    taken.add(name);
    pages.set(entry.uri, name);
    entry.page = name;
  }
  const context: SiteContext = {
    siteTitle: options.title,
    entries,
    index,
    settings,
    pageOf: (uri) => (uri === undefined ? undefined : pages.get(uri)),
    rolePage: (id) => {
      const role = index.find('role', id)[0];
      return role ? pages.get(role.uri) : undefined;
    },
    link(from, uri, title) {
      const target = this.pageOf(uri);
      return target ? `<a class="link" href="${esc(relativeHref(from, target))}">${esc(title)}</a>` : `<span class="ref">${esc(title)}</span>`;
    },
  };

  const files = new Map<string, string>();
  const footer = `Built by <code>charters site</code> from ${entries.length} document${entries.length === 1 ? '' : 's'}.`;
  const write = (page: string, title: string, body: string) => files.set(page, sitePage(page, { title, siteTitle: options.title, body, footer }));
  for (const entry of entries) {
    if (entry.page === undefined) continue;
    const page = entry.page;
    const model = buildPreviewModel(entry.parsed, entry.uri, index, settings.taxonomy, settings.externalRoles);
    const linkTarget = (uri: string) => {
      const target = pages.get(uri);
      return target === undefined ? undefined : relativeHref(page, target);
    };
    const body = renderBody(model, { interactive: false, linkTarget, descriptions: true });
    write(page, model.title, `${body}\n${documentExtras(model, page, context)}`);
    step();
  }
  write(OVERVIEW, options.title, overviewPage(OVERVIEW, context));
  step();
  write(ORG_CHART, 'Org chart', orgChartPage(ORG_CHART, context));
  step();
  write(RESPONSIBILITIES, 'Responsibilities', responsibilitiesPage(RESPONSIBILITIES, context));
  step();
  files.set(STYLESHEET, `${PREVIEW_STYLE}\n${SITE_STYLE}`);
  return new Map([...files].sort(([a], [b]) => compare(a, b)));
}

function sortKey(entry: SiteEntry): string {
  return entry.summary?.id ?? fileName(entry.uri);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
