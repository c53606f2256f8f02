import type { Taxonomy } from '../taxonomy';
import type { Kind } from '../types';
import type { ExternalRole } from '../config';
import { fileName, namesExternalRoles, type DocumentSummary, type WorkspaceIndex } from '../workspace';

/**
 * What every kind's preview shares: the model context (the document, the workspace, the
 * taxonomy and the look-ups over them), the HTML helpers, and the value readers.
 * **Every string that comes from a document goes through `escapeHtml`**, in text and attributes alike.
 */

/** Another document named by id: its title and file when the workspace has it. */
export interface DocLink {
  kind: Kind;
  id: string;
  /** The document's title, or the id when the document is missing or untitled. */
  title: string;
  uri?: string;
  missing: boolean;
  /** A role of the config's `externalRoles`: it has no document, and is not missing either. */
  external?: boolean;
}

export interface Header {
  id?: string;
  title: string;
  uri: string;
  status?: string;
  owner?: DocLink;
  updated?: string;
  tags: string[];
}

/** The model of a document of one kind: its header and what its kind shows. */
export interface KindModel extends Header {
  kind: Kind;
  /** A Markdown document's free prose (its body without the sections that give fields), as Markdown. */
  prose?: string;
}

export interface AreaRef {
  id: string;
  title: string;
  /** Position in the taxonomy's list of areas (unknown areas come after): picks the area's colour. */
  order: number;
}

export interface KeyResult {
  metric: string;
  baseline?: string;
  target?: string;
  due?: string;
  owner?: DocLink;
}

/** One kind's preview: its model, built from the parsed document, and that model drawn as HTML. */
export interface PreviewModule<M extends KindModel = KindModel> {
  /** Never called for a document that does not parse; may throw on anything unexpected (the caller shows a problem). */
  model(context: ModelContext): M;
  render(model: M, html: Html): string;
}

// ---- the model -------------------------------------------------------------------------------

/** The document, the workspace and the taxonomy, with the look-ups every kind shares. */
export class ModelContext {
  readonly areas: AreaRef[];

  constructor(
    readonly kind: Kind,
    readonly value: Record<string, unknown>,
    readonly uri: string,
    readonly index: WorkspaceIndex,
    readonly taxonomy: Taxonomy,
    readonly externalRoles: ReadonlyMap<string, ExternalRole> = new Map(),
  ) {
    this.areas = taxonomy.areas.map((area, order) => ({ id: area.id, title: area.title, order }));
  }

  header(): Header {
    const value = this.value;
    const owner = text(value.owner);
    return {
      id: text(value.id),
      title: text(value.title) ?? text(value.id) ?? fileName(this.uri),
      uri: this.uri,
      status: text(value.status),
      owner: owner === undefined ? undefined : this.link('role', owner),
      updated: text(value.updated),
      tags: texts(value.tags),
    };
  }

  link(kind: Kind, id: string): DocLink {
    if (kind === this.kind && id === text(this.value.id)) return { kind, id, title: text(this.value.title) ?? id, uri: this.uri, missing: false };
    const found: DocumentSummary | undefined = this.index.find(kind, id)[0];
    const external = !found && kind === 'role' && namesExternalRoles(this.kind) ? this.externalRoles.get(id) : undefined;
    if (external) return { kind, id, title: external.title, missing: false, external: true };
    return { kind, id, title: found?.title ?? id, uri: found?.uri, missing: !found };
  }

  roleLink(value: unknown): DocLink | undefined {
    const id = text(value);
    return id === undefined ? undefined : this.link('role', id);
  }

  area(id: string | undefined): AreaRef {
    const known = id === undefined ? -1 : this.areas.findIndex((area) => area.id === id);
    if (known >= 0) return this.areas[known];
    return { id: id ?? '', title: id ? humanize(id) : 'Not in the taxonomy', order: this.areas.length };
  }

  /** Documents of `kind` that reference this document's id. */
  referrers(kind: Kind): DocLink[] {
    const id = text(this.value.id);
    if (id === undefined) return [];
    const result: DocLink[] = [];
    for (const summary of this.index.documents(kind)) {
      if (summary.uri === this.uri) continue;
      if ((summary.references ?? []).some((ref) => ref.kind === this.kind && ref.id === id)) result.push(summaryLink(kind, summary));
    }
    return result.sort((a, b) => a.title.localeCompare(b.title));
  }

  keyResult(item: Record<string, unknown>): KeyResult {
    return {
      metric: text(item.metric) ?? '(no metric)',
      baseline: text(item.baseline),
      target: text(item.target),
      due: text(item.due),
      owner: this.roleLink(item.owner),
    };
  }
}

/** A link to a document the index holds, named by its id, else its file. */
export function summaryLink(kind: Kind, summary: DocumentSummary): DocLink {
  return { kind, id: summary.id ?? fileName(summary.uri), title: summary.title ?? summary.id ?? fileName(summary.uri), uri: summary.uri, missing: false };
}

/** A scalar as the reader would write it; anything else (maps, lists, null) is no text. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function texts(value: unknown): string[] {
  return list(value).map(text).filter(defined);
}

export function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function humanize(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}

// ---- the HTML --------------------------------------------------------------------------------

import { esc, escapeHtml } from './escape';

export { esc, escapeHtml };
/** Area colours: the taxonomy's areas in order, then one shared colour for anything else. */
const AREA_COLOURS = 8;

/** The pieces every kind draws with, for one render: it numbers the element ids it hands out. */
export class Html {
  private readonly ids = new Map<string, number>();

  /**
   * Webview: titles of other documents are buttons carrying `data-uri`. Standalone HTML: links to
   * the pages `linkTarget` names (see exportLinks.ts), else plain text.
   */
  constructor(
    private readonly interactive: boolean,
    private readonly linkTarget?: (uri: string) => string | undefined,
    /** The site's pages: taxonomy entries show their descriptions too. */
    readonly descriptions = false,
  ) {}

  header(kind: string, model: Header): string {
    const meta = [
      model.status ? `<span class="badge ${statusClass(model.status)}">${esc(model.status)}</span>` : '',
      model.owner ? `<span>Owner: ${this.link(model.owner)}</span>` : '',
      model.updated ? `<span>Updated ${esc(model.updated)}</span>` : '',
      model.tags.length ? `<span class="tags">${model.tags.map((tag) => `<span class="tag">${esc(tag)}</span>`).join(' ')}</span>` : '',
    ].filter(Boolean);
    return `<header class="doc-head"><p class="kind">${esc(kind)}</p><h1>${esc(model.title)}</h1>${meta.length ? `<p class="meta">${meta.join(' ')}</p>` : ''}</header>`;
  }

  keyResults(results: KeyResult[], withOwner: boolean): string {
    const headers = ['Metric', 'Baseline → target', 'Due', ...(withOwner ? ['Owner'] : [])];
    return this.table(
      headers,
      results.map((result) => [
        esc(result.metric),
        `${result.baseline !== undefined ? `<span class="baseline">${esc(result.baseline)}</span> <span aria-label="to">→</span> ` : ''}<strong>${esc(result.target ?? '?')}</strong>`,
        esc(result.due ?? ''),
        ...(withOwner ? [result.owner ? this.link(result.owner) : ''] : []),
      ]),
    );
  }

  /**
   * A reference to another document: a button in the webview; in standalone HTML a link to its
   * export beside the page, else text; marked when missing.
   */
  link(link: DocLink): string {
    if (link.external)
      return `<span class="ref external" title="${esc(`A role outside the product ladder ("${link.id}" in externalRoles)`)}">${esc(link.title)}</span>`;
    if (link.missing)
      return `<span class="ref missing" title="${esc(`No ${link.kind} with the id "${link.id}" in the workspace`)}">${esc(link.title)} <span class="note">(missing)</span></span>`;
    if (this.canOpen(link.uri, false))
      return `<button type="button" class="link" data-uri="${esc(link.uri)}" aria-label="Open ${esc(link.title)}">${esc(link.title)}</button>`;
    const href = this.href(link.uri);
    if (href) return `<a class="link" href="${esc(href)}">${esc(link.title)}</a>`;
    return `<span class="ref">${esc(link.title)}</span>`;
  }

  /** The page of another document in standalone HTML: only a relative address, never a URI with a scheme or a path from the root. */
  href(uri: string | undefined): string | undefined {
    const href = uri === undefined ? undefined : this.linkTarget?.(uri);
    return href && !/^[a-z][a-z0-9+.-]*:|^[\\/]/i.test(href) ? href : undefined;
  }

  /**
   * In the webview, a link that builds the organisation site and opens its org chart (at the
   * role's box, given a role id); nothing elsewhere: an exported page or the site has its own links.
   */
  orgChartLink(roleId?: string): string {
    if (!this.interactive) return '';
    return `<p class="site-link"><button type="button" class="link" data-site="org-chart"${roleId ? ` data-role="${esc(roleId)}"` : ''}>Open the org chart in the organisation site</button></p>`;
  }

  links(links: DocLink[]): string {
    return links.length ? `<ul>${links.map((link) => `<li>${this.link(link)}</li>`).join('')}</ul>` : '';
  }

  /** Only webview cards open files, and only by a URI with a harmless scheme. */
  canOpen(uri: string | undefined, missing: boolean): uri is string {
    return this.interactive && !missing && uri !== undefined && /^(file|untitled|vscode-[a-z-]+):/i.test(uri);
  }

  /** A titled section, left out when it has nothing to show. */
  section(title: string, content: string): string {
    return content ? this.labelled('', 'h2', esc(title), content) : '';
  }

  /** A section named by its heading; `heading` is HTML that is already escaped. */
  labelled(className: string, level: 'h2' | 'h3', heading: string, content: string): string {
    const id = this.id(className || 'section');
    return `<section${className ? ` class="${className}"` : ''} aria-labelledby="${id}"><${level} id="${id}">${heading}</${level}>${content}</section>`;
  }

  list(items: string[]): string {
    return items.length ? `<ul>${items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>` : '';
  }

  /** `rows` are HTML that is already escaped. */
  table(headers: string[], rows: string[][]): string {
    if (!rows.length) return '';
    return `<div class="table-wrap"><table><thead><tr>${headers.map((header) => `<th scope="col">${esc(header)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  }

  /** Terms and their values (HTML that is already escaped); empty values are left out. */
  dl(facts: [string, string][], label: string): string {
    const shown = facts.filter(([, value]) => value);
    return shown.length
      ? `<dl class="facts" aria-label="${esc(label)}">${shown.map(([term, value]) => `<div><dt>${esc(term)}</dt><dd>${value}</dd></div>`).join('')}</dl>`
      : '';
  }

  empty(message: string): string {
    return `<p class="empty">${esc(message)}</p>`;
  }

  /** A unique element id; document text never reaches it. */
  id(prefix: string): string {
    const next = (this.ids.get(prefix) ?? 0) + 1;
    this.ids.set(prefix, next);
    return `${prefix}-${next}`;
  }
}

/** The CSS class of an area's colour (`a0`…`a7`, see preview.css). */
export function colour(area: AreaRef): string {
  const order = Number.isInteger(area.order) && area.order >= 0 ? Math.min(area.order, AREA_COLOURS - 1) : AREA_COLOURS - 1;
  return `a${order}`;
}

export function levelText(level: { title: string; rank?: number; track?: string }): string {
  if (level.rank === undefined) return level.title;
  return `${level.title} · rank ${level.rank}${level.track ? ` · ${level.track === 'ic' ? 'IC' : level.track} track` : ''}`;
}

function statusClass(status: string): string {
  return ['draft', 'review', 'approved', 'retired'].includes(status) ? `status-${status}` : 'status-other';
}
