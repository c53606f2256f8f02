import type {
  AreaCount,
  AreaRef,
  CharterPreview,
  DocLink,
  KeyResult,
  LadderPreview,
  LadderTrack,
  PreviewModel,
  ProblemPreview,
  ResponsibilityItem,
  RoleCard,
  RolePreview,
  StrategyPreview,
  VisionPreview,
} from './model';

/**
 * Draws a PreviewModel as HTML, the same for the VS Code webview and `charters render`.
 * **Every string that comes from a document goes through `escapeHtml`**, in text and attributes
 * alike; the page never loads anything remote and runs no script but its own nonce'd one.
 */

export interface RenderOptions {
  /** Webview: titles of other documents are buttons carrying `data-uri`. Standalone HTML: plain text. Default true. */
  interactive?: boolean;
  /**
   * Standalone HTML: the relative address of another document's own page (see exportLinks.ts), or
   * undefined to leave its title as plain text. Never a path of the machine.
   */
  linkTarget?: (uri: string) => string | undefined;
}

export interface PageOptions {
  nonce: string;
  /** The webview's `cspSource`; absent in standalone HTML. */
  cspSource?: string;
  /** A file to open in a browser: no script at all. */
  standalone: boolean;
  title: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The one escaping helper: safe in element text and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const esc = escapeHtml;
/** Area colours: the taxonomy's areas in order, then one shared colour for anything else. */
const AREA_COLOURS = 8;
/** Titles listed on a card's "adds" before the rest fold away. */
const ADDS_SHOWN = 4;

export function renderBody(model: PreviewModel, options: RenderOptions = {}): string {
  const r = new Renderer(options.interactive ?? true, options.interactive === false ? options.linkTarget : undefined);
  try {
    switch (model.kind) {
      case 'ladder':
        return r.ladder(model);
      case 'role':
        return r.role(model);
      case 'vision':
        return r.vision(model);
      case 'strategy':
        return r.strategy(model);
      case 'charter':
        return r.charter(model);
      case 'problem':
        return r.problem(model);
      default:
        return r.problem({ kind: 'problem', title: 'Preview unavailable', uri: '', message: 'This kind of document has no preview.', details: [] });
    }
  } catch (error) {
    return r.problem({ kind: 'problem', title: 'Preview unavailable', uri: '', message: 'The preview could not be drawn.', details: [String((error as Error)?.message ?? error)] });
  }
}

export function renderPage(body: string, options: PageOptions): string {
  const nonce = esc(options.nonce);
  const source = options.cspSource ? `${options.cspSource} ` : '';
  const csp = options.standalone
    ? `default-src 'none'; style-src 'nonce-${options.nonce}'; img-src data:;`
    : `default-src 'none'; style-src ${source}'nonce-${options.nonce}'; script-src 'nonce-${options.nonce}'; img-src ${source}data:;`;
  const script = options.standalone ? '' : `\n<script nonce="${nonce}">${SCRIPT}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body class="${options.standalone ? 'standalone' : 'webview'}">
<main>
${body}
</main>${script}
</body>
</html>
`;
}

class Renderer {
  constructor(
    private readonly interactive: boolean,
    private readonly linkTarget?: (uri: string) => string | undefined,
  ) {}

  // ---- kinds -------------------------------------------------------------------------------

  ladder(model: LadderPreview): string {
    const tracks = model.tracks.length
      ? `<div class="tracks">${model.tracks.map((track) => this.track(track, 'h2')).join('')}</div>`
      : this.empty('No tracks yet: add `tracks` with the roles of each, lowest first.');
    return `${this.header('Ladder', model)}
${this.legend(model.areas)}
${tracks}
${this.matrix(model)}`;
  }

  role(model: RolePreview): string {
    const facts: [string, string][] = [
      ['Level', model.card.level ? esc(levelText(model.card.level)) : ''],
      ['Track', esc(model.track ?? '')],
      ['Reports to', model.reportsTo ? this.link(model.reportsTo) : ''],
      ['Inherits', model.inherits ? this.link(model.inherits) : ''],
      ['Leads to', model.next.map((link) => this.link(link)).join(', ')],
      ['Also called', esc(model.aliases.join(', '))],
    ];
    const ladders = model.ladders.length
      ? `<div class="tracks">${model.ladders
          .map(({ ladder, track }) => `<div class="ladder-ref"><p class="muted">${this.link(ladder)}</p>${this.track(track, 'h3')}</div>`)
          .join('')}</div>`
      : `<p class="muted">No ladder in the workspace lists this role.</p>`;
    const responsibilities = model.responsibilities.length
      ? model.responsibilities
          .map(
            (group) =>
              this.labelled(
                'area-group',
                'h3',
                `<span class="swatch ${colour(group.area)}" aria-hidden="true"></span>${esc(group.area.title)} <span class="count">${group.items.length}</span>`,
                `<ul>${group.items.map((item) => `<li>${this.responsibility(item)}</li>`).join('')}</ul>`,
              ),
          )
          .join('')
      : this.empty('No responsibilities yet.');
    return `${this.header('Role', model)}
${model.summary ? `<p class="lead">${esc(model.summary)}</p>` : this.empty('No summary yet: say why the role exists.')}
<div class="role-top">
${this.dl(facts, 'Role facts')}
<div class="role-card">${this.card(model.card, 'h2')}</div>
</div>
<section aria-labelledby="ladders-h"><h2 id="ladders-h">On the ladder</h2>${ladders}</section>
<section aria-labelledby="resp-h"><h2 id="resp-h">Responsibilities</h2><div class="area-groups">${responsibilities}</div></section>
${this.section('Authority', this.list(model.authority))}
${this.section(
  'Skills',
  model.skills.length
    ? `<ul class="chips">${model.skills
        .map((skill) => `<li class="chip${skill.known ? '' : ' unknown'}">${esc(skill.title)}${skill.level ? ` <span class="badge" aria-label="level ${esc(skill.level)} of 5">${esc(skill.level)}/5</span>` : ''}${skill.known ? '' : ' <span class="note">not in the taxonomy</span>'}</li>`)
        .join('')}</ul>`
    : '',
)}
${this.section(
  'Goals',
  this.table(
    ['Goal', 'Measure', 'Target', 'Due'],
    model.goals.map((goal) => [esc(goal.goal), esc(goal.measure ?? ''), esc(goal.target ?? ''), esc(goal.due ?? '')]),
  ),
)}`;
  }

  vision(model: VisionPreview): string {
    const box = (title: string, items: string[], hint: string) => this.labelled('box', 'h2', esc(title), items.length ? this.list(items) : this.empty(hint));
    return `${this.header('Vision', model)}
<section class="statement" aria-labelledby="vision-h"><h2 id="vision-h">Vision${model.horizon ? ` <span class="muted">· ${esc(model.horizon)}</span>` : ''}</h2>
${model.statement ? `<p class="lead">${esc(model.statement)}</p>` : this.empty('No statement yet: the north star, in one or two sentences.')}</section>
<div class="board">
${box('Target group', model.targetGroup, 'Who is it for?')}
${box('Needs', model.needs, 'What problem does it solve?')}
${box('Product', model.product, 'What makes it stand out?')}
${box('Business goals', model.businessGoals, 'How does it benefit the business?')}
</div>
${this.section('Principles', this.list(model.principles))}
${this.section('Strategies serving this vision', this.links(model.strategies))}`;
  }

  strategy(model: StrategyPreview): string {
    const objectives = model.objectives.length
      ? model.objectives
          .map(
            (objective, position) =>
              this.labelled(
                'objective',
                'h3',
                `<span class="badge">O${position + 1}</span> ${esc(objective.objective)}`,
                objective.keyResults.length ? this.keyResults(objective.keyResults, true) : this.empty('No key results yet.'),
              ),
          )
          .join('')
      : this.empty('No objectives yet.');
    return `${this.header('Strategy', model)}
${this.dl(
  [
    ['Vision', model.vision ? this.link(model.vision) : ''],
    ['Horizon', esc(model.horizon ?? '')],
  ],
  'Strategy facts',
)}
${this.section(
  'Market',
  model.market.length
    ? `<ul>${model.market.map((item) => `<li><strong>${esc(item.segment)}</strong>${item.need ? `<br><span class="muted">needs:</span> ${esc(item.need)}` : ''}</li>`).join('')}</ul>`
    : this.empty('No market yet.'),
)}
<section aria-labelledby="objectives-h"><h2 id="objectives-h">Objectives and key results</h2>${objectives}</section>
${this.section(
  'Initiatives',
  this.table(
    ['Initiative', 'Owner', 'When', 'Objective'],
    model.initiatives.map((item) => [esc(item.title), item.owner ? this.link(item.owner) : '', esc(item.when ?? ''), esc(item.objective ?? '')]),
  ),
)}
<div class="columns">
${this.section('Differentiators', this.list(model.differentiators))}
${this.section('Risks', this.list(model.risks))}
${this.section('Assumptions', this.list(model.assumptions))}
</div>
${this.section('Charters serving this strategy', this.links(model.charters))}`;
  }

  charter(model: CharterPreview): string {
    const people = (links: DocLink[]) => links.map((link) => this.link(link)).join(', ');
    return `${this.header('Charter', model)}
<section class="statement" aria-labelledby="mission-h"><h2 id="mission-h">Mission</h2>
${model.mission ? `<p class="lead">${esc(model.mission)}</p>` : this.empty('No mission yet.')}
${model.strategy ? `<p class="muted">Serves ${this.link(model.strategy)}</p>` : ''}</section>
<section aria-labelledby="scope-h"><h2 id="scope-h">Scope</h2>
<div class="scope">
<section class="box in" aria-labelledby="scope-in-h"><h3 id="scope-in-h">In scope</h3>${model.scope.in.length ? this.list(model.scope.in) : this.empty('Nothing in scope yet.')}</section>
<section class="box out" aria-labelledby="scope-out-h"><h3 id="scope-out-h">Out of scope</h3>${model.scope.out.length ? this.list(model.scope.out) : this.empty('Nothing ruled out yet: say what the team does not own.')}</section>
</div></section>
${this.section(
  'Team',
  model.team.length
    ? this.table(
        ['Role', 'Name', 'Count'],
        model.team.map((member) => [member.role ? this.link(member.role) : '', esc(member.name ?? ''), esc(member.count ?? (member.name ? '' : '1'))]),
      )
    : this.empty('No team yet.'),
)}
${this.section(
  'Decision rights',
  this.table(
    ['Decision', 'Owner', 'Consulted', 'Informed'],
    model.decisionRights.map((right) => [esc(right.decision), right.owner ? this.link(right.owner) : '', people(right.consulted), people(right.informed)]),
  ),
)}
${this.section('Success metrics', model.successMetrics.length ? this.keyResults(model.successMetrics, false) : this.empty('No success metrics yet.'))}
${this.section(
  'Stakeholders',
  model.stakeholders.length
    ? `<ul>${model.stakeholders.map((item) => `<li><strong>${esc(item.name)}</strong>${item.interest ? `: ${esc(item.interest)}` : ''}</li>`).join('')}</ul>`
    : '',
)}
${this.section('Working agreements', this.list(model.workingAgreements))}`;
  }

  problem(model: ProblemPreview): string {
    return `<section class="problem" role="status" aria-labelledby="problem-h">
<h1 id="problem-h">${esc(model.title)}</h1>
<p>${esc(model.message)}</p>
${model.details.length ? `<ul>${model.details.map((detail) => `<li><code>${esc(detail)}</code></li>`).join('')}</ul>` : ''}
</section>`;
  }

  // ---- ladders and cards -------------------------------------------------------------------

  /** One track: a column of rungs, the top rung drawn first so the ladder reads upwards. */
  private track(track: LadderTrack, heading: 'h2' | 'h3'): string {
    const id = this.id('track');
    const rungs = [...track.rungs].reverse();
    return `<section class="track" aria-labelledby="${id}">
<${heading} id="${id}" class="track-title">${esc(track.title)}</${heading}>
${rungs.length ? `<ol class="rungs" reversed>${rungs.map((card) => `<li>${this.card(card, heading === 'h2' ? 'h3' : 'h4')}</li>`).join('')}</ol>` : this.empty('No roles in this track yet.')}
</section>`;
  }

  private card(card: RoleCard, heading: 'h2' | 'h3' | 'h4'): string {
    const classes = ['card', card.missing ? 'missing' : '', card.highlighted ? 'highlighted' : '', card.outOfOrder ? 'out-of-order' : ''].filter(Boolean).join(' ');
    const label = card.missing
      ? `${card.id}: no role with this id in the workspace`
      : `${card.title}${card.level ? `, ${levelText(card.level)}` : ''}, ${plural(card.total, 'responsibility', 'responsibilities')}`;
    const open = this.canOpen(card.uri, card.missing) ? ` data-uri="${esc(card.uri)}"` : '';
    const href = card.missing ? undefined : this.href(card.uri);
    const title = open
      ? `<button type="button" class="open" data-uri="${esc(card.uri)}" aria-label="Open ${esc(card.title)}">${esc(card.title)}</button>`
      : href
        ? `<a class="open" href="${esc(href)}">${esc(card.title)}</a>`
        : esc(card.title);
    if (card.missing) {
      return `<article class="${classes}" aria-label="${esc(label)}">
<${heading} class="card-title">${title}</${heading}>
<p class="level">Missing: no role document has the id <code>${esc(card.id)}</code></p>
</article>`;
    }
    const counted = card.areas.filter((area) => area.count > 0);
    const pips = card.areas.map((area) => `<span class="pip ${colour(area)}"></span>`.repeat(area.count)).join('');
    return `<article class="${classes}"${open} aria-label="${esc(label)}"${card.highlighted ? ' aria-current="true"' : ''}>
<${heading} class="card-title">${title}</${heading}>
<p class="level">${card.level ? esc(card.level.title === card.title && card.level.rank !== undefined ? `Rank ${card.level.rank}` : levelText(card.level)) : 'No level'}${card.outOfOrder ? ' <span class="warn">out of rank order</span>' : ''}</p>
${pips ? `<div class="pips" aria-hidden="true">${pips}</div>` : ''}
${counted.length ? `<ul class="area-counts" aria-label="Responsibilities by area">${counted.map((area) => this.areaCount(area)).join('')}</ul>` : '<p class="muted">No responsibilities yet.</p>'}
${this.adds(card)}
</article>`;
  }

  private areaCount(area: AreaCount): string {
    return `<li title="${esc(area.title)}"><span class="swatch ${colour(area)}" aria-hidden="true"></span><span class="area-name">${esc(area.title)}</span> <span class="count">${area.count}</span></li>`;
  }

  private adds(card: RoleCard): string {
    if (!card.adds) return card.total ? `<p class="adds"><span class="label">Foundation:</span> ${plural(card.total, 'responsibility', 'responsibilities')}</p>` : '';
    if (card.adds.length === 0) return `<p class="adds"><span class="label">Adds:</span> <span class="warn">nothing over the rung below</span></p>`;
    const item = (entry: ResponsibilityItem) => `<li>${esc(entry.title)}</li>`;
    const shown = card.adds.slice(0, ADDS_SHOWN);
    const rest = card.adds.slice(ADDS_SHOWN);
    return `<div class="adds"><span class="label">Adds ${card.adds.length}:</span>
<ul>${shown.map(item).join('')}</ul>${rest.length ? `<details><summary>${rest.length} more</summary><ul>${rest.map(item).join('')}</ul></details>` : ''}</div>`;
  }

  private legend(areas: AreaRef[]): string {
    return `<ul class="legend" aria-label="Areas">${areas.map((area) => `<li><span class="swatch ${colour(area)}" aria-hidden="true"></span>${esc(area.title)}</li>`).join('')}</ul>`;
  }

  private matrix(model: LadderPreview): string {
    if (!model.matrix.length) return '';
    const head = `<tr><th scope="col">Role</th>${model.areas.map((area) => `<th scope="col"><span class="swatch ${colour(area)}" aria-hidden="true"></span>${esc(area.title)}</th>`).join('')}<th scope="col">Total</th></tr>`;
    let previous: string | undefined;
    const rows = model.matrix.map((row) => {
      const group = row.track !== previous ? `<tr class="group"><th scope="rowgroup" colspan="${model.areas.length + 2}">${esc(row.track)}</th></tr>` : '';
      previous = row.track;
      return `${group}<tr><th scope="row">${this.link(row.role)}</th>${row.counts.map((count) => `<td class="${heat(count)}">${count || '<span class="zero">·</span>'}</td>`).join('')}<td class="total">${row.total}</td></tr>`;
    });
    return `<section aria-labelledby="matrix-h"><h2 id="matrix-h">Responsibilities by area</h2>
<div class="table-wrap"><table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div></section>`;
  }

  // ---- shared pieces -----------------------------------------------------------------------

  private header(kind: string, model: { title: string; status?: string; owner?: DocLink; updated?: string; tags: string[] }): string {
    const meta = [
      model.status ? `<span class="badge ${statusClass(model.status)}">${esc(model.status)}</span>` : '',
      model.owner ? `<span>Owner: ${this.link(model.owner)}</span>` : '',
      model.updated ? `<span>Updated ${esc(model.updated)}</span>` : '',
      model.tags.length ? `<span class="tags">${model.tags.map((tag) => `<span class="tag">${esc(tag)}</span>`).join(' ')}</span>` : '',
    ].filter(Boolean);
    return `<header class="doc-head"><p class="kind">${esc(kind)}</p><h1>${esc(model.title)}</h1>${meta.length ? `<p class="meta">${meta.join(' ')}</p>` : ''}</header>`;
  }

  private keyResults(results: KeyResult[], withOwner: boolean): string {
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

  /** A reference to another document: a button in the webview, text in standalone HTML, marked when missing. */
  private link(link: DocLink): string {
    if (link.missing) return `<span class="ref missing" title="${esc(`No ${link.kind} with the id "${link.id}" in the workspace`)}">${esc(link.title)} <span class="note">(missing)</span></span>`;
    if (this.canOpen(link.uri, false)) return `<button type="button" class="link" data-uri="${esc(link.uri)}" aria-label="Open ${esc(link.title)}">${esc(link.title)}</button>`;
    const href = this.href(link.uri);
    if (href) return `<a class="link" href="${esc(href)}">${esc(link.title)}</a>`;
    return `<span class="ref">${esc(link.title)}</span>`;
  }

  /** The page of another document in standalone HTML: only a relative address, never a URI with a scheme or a path from the root. */
  private href(uri: string | undefined): string | undefined {
    const href = uri === undefined ? undefined : this.linkTarget?.(uri);
    return href && !/^[a-z][a-z0-9+.-]*:|^[\\/]/i.test(href) ? href : undefined;
  }

  private links(links: DocLink[]): string {
    return links.length ? `<ul>${links.map((link) => `<li>${this.link(link)}</li>`).join('')}</ul>` : '';
  }

  private responsibility(item: ResponsibilityItem): string {
    const notes = [
      item.duty ? '<span class="tag">team duty</span>' : '',
      item.known ? '' : '<span class="note warn">not in the taxonomy</span>',
      item.inheritedFrom ? `<span class="note">from ${this.link(item.inheritedFrom)}</span>` : '',
    ].filter(Boolean);
    return `${esc(item.title)}${notes.length ? ` ${notes.join(' ')}` : ''}`;
  }

  /** Only webview cards open files, and only by a URI with a harmless scheme. */
  private canOpen(uri: string | undefined, missing: boolean): uri is string {
    return this.interactive && !missing && uri !== undefined && /^(file|untitled|vscode-[a-z-]+):/i.test(uri);
  }

  /** A titled section, left out when it has nothing to show. */
  private section(title: string, content: string): string {
    return content ? this.labelled('', 'h2', esc(title), content) : '';
  }

  /** A section named by its heading; `heading` is HTML that is already escaped. */
  private labelled(className: string, level: 'h2' | 'h3', heading: string, content: string): string {
    const id = this.id(className || 'section');
    return `<section${className ? ` class="${className}"` : ''} aria-labelledby="${id}"><${level} id="${id}">${heading}</${level}>${content}</section>`;
  }

  private list(items: string[]): string {
    return items.length ? `<ul>${items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>` : '';
  }

  private table(headers: string[], rows: string[][]): string {
    if (!rows.length) return '';
    return `<div class="table-wrap"><table><thead><tr>${headers.map((header) => `<th scope="col">${esc(header)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  }

  private dl(facts: [string, string][], label: string): string {
    const shown = facts.filter(([, value]) => value);
    return shown.length ? `<dl class="facts" aria-label="${esc(label)}">${shown.map(([term, value]) => `<div><dt>${esc(term)}</dt><dd>${value}</dd></div>`).join('')}</dl>` : '';
  }

  private empty(message: string): string {
    return `<p class="empty">${esc(message)}</p>`;
  }

  private readonly ids = new Map<string, number>();
  /** A unique element id; document text never reaches it. */
  private id(prefix: string): string {
    const next = (this.ids.get(prefix) ?? 0) + 1;
    this.ids.set(prefix, next);
    return `${prefix}-${next}`;
  }
}

function levelText(level: { title: string; rank?: number }): string {
  return level.rank !== undefined ? `${level.title} · rank ${level.rank}` : level.title;
}

function statusClass(status: string): string {
  return ['draft', 'review', 'approved', 'retired'].includes(status) ? `status-${status}` : 'status-other';
}

function colour(area: AreaRef): string {
  const order = Number.isInteger(area.order) && area.order >= 0 ? Math.min(area.order, AREA_COLOURS - 1) : AREA_COLOURS - 1;
  return `a${order}`;
}

function heat(count: number): string {
  return count <= 0 ? 'h0' : count === 1 ? 'h1' : count <= 3 ? 'h2' : count <= 5 ? 'h3' : 'h4';
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Opens the file behind a card or a link; the extension checks the URI before opening it. */
const SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || target.closest('details')) return;
    const element = target.closest('[data-uri]');
    if (!element) return;
    event.preventDefault();
    vscode.postMessage({ type: 'open', uri: element.getAttribute('data-uri') });
  });
})();`;

/** Theme colours in VS Code; the fallbacks serve the standalone file, light or dark. */
const STYLE = `
:root {
  --fg: var(--vscode-editor-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, var(--vscode-widget-border, #d1d9e0));
  --card: var(--vscode-editorWidget-background, #f6f8fa);
  --focus: var(--vscode-focusBorder, #0969da);
  --link: var(--vscode-textLink-foreground, #0969da);
  --badge-bg: var(--vscode-badge-background, #e7ecf0);
  --badge-fg: var(--vscode-badge-foreground, #1f2328);
  --warn: var(--vscode-editorWarning-foreground, #9a6700);
  --error: var(--vscode-errorForeground, #d1242f);
  --a0: var(--vscode-charts-blue, #3b82f6);
  --a1: var(--vscode-charts-purple, #8b5cf6);
  --a2: var(--vscode-charts-green, #16a34a);
  --a3: var(--vscode-charts-orange, #ea580c);
  --a4: var(--vscode-charts-red, #dc2626);
  --a5: var(--vscode-charts-yellow, #ca8a04);
  --a6: var(--vscode-terminal-ansiCyan, #0891b2);
  --a7: var(--vscode-charts-foreground, #6b7280);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  body.standalone {
    --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --border: #3d444d; --card: #151b23;
    --focus: #4493f8; --link: #4493f8; --badge-bg: #2a313c; --badge-fg: #e6edf3; --warn: #d29922; --error: #f85149;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font-family: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--vscode-font-size, 14px); line-height: 1.45;
}
main { padding: 16px 24px 48px; max-width: 1400px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05em; margin: 16px 0 6px; }
ul { margin: 4px 0; padding-left: 20px; }
code { font-family: var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace); }
.doc-head .kind { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .75em; color: var(--muted); }
.meta { margin: 6px 0 0; color: var(--muted); display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
.lead { font-size: 1.15em; max-width: 60em; }
.muted, .note { color: var(--muted); }
.note { font-size: .85em; }
.warn { color: var(--warn); }
.empty { color: var(--muted); font-style: italic; }
.badge, .tag, .count {
  display: inline-block; padding: 0 7px; border-radius: 10px; font-size: .8em;
  background: var(--badge-bg); color: var(--badge-fg);
}
.tag { border: 1px solid var(--border); background: transparent; color: var(--muted); }
.status-approved { background: var(--a2); color: #fff; }
.status-draft, .status-review { background: var(--a5); color: #fff; }
.status-retired { background: var(--a7); color: #fff; }
button.link, button.open {
  font: inherit; color: var(--link); background: none; border: 0; padding: 0; margin: 0;
  cursor: pointer; text-align: left; text-decoration: underline; text-underline-offset: 2px;
}
button.open { color: inherit; text-decoration: none; font-weight: 600; }
a.link { color: var(--link); text-underline-offset: 2px; }
a.open { color: inherit; font-weight: 600; text-decoration: none; }
a.open:hover { text-decoration: underline; }
a:focus-visible, button:focus-visible, summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.ref.missing { color: var(--error); }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 16px 0; color: var(--muted); font-size: .9em; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.a0 { background: var(--a0); } .a1 { background: var(--a1); } .a2 { background: var(--a2); } .a3 { background: var(--a3); }
.a4 { background: var(--a4); } .a5 { background: var(--a5); } .a6 { background: var(--a6); } .a7 { background: var(--a7); }
.tracks { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-end; }
.track { flex: 1 1 280px; max-width: 420px; min-width: 240px; }
.track-title { border: 0; margin: 8px 0; text-align: center; }
.rungs { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 0; }
.rungs > li + li::before { content: "▲"; display: block; text-align: center; color: var(--muted); font-size: .7em; line-height: 1.6; }
.card {
  position: relative; background: var(--card); border: 1px solid var(--border); border-radius: 6px;
  padding: 10px 12px; cursor: default;
}
.card[data-uri] { cursor: pointer; }
.card[data-uri]:hover { border-color: var(--focus); }
.card:focus-within { border-color: var(--focus); }
.card.highlighted { border: 2px solid var(--focus); box-shadow: 0 0 0 3px color-mix(in srgb, var(--focus) 25%, transparent); }
.card.missing { border-style: dashed; border-color: var(--error); background: transparent; }
.card.out-of-order { border-color: var(--warn); }
.card-title { margin: 0; font-size: 1em; border: 0; padding: 0; }
.card .level { margin: 2px 0 6px; color: var(--muted); font-size: .85em; }
.pips { display: flex; flex-wrap: wrap; gap: 2px; margin: 4px 0 6px; }
.pip { width: 9px; height: 9px; border-radius: 2px; }
.area-counts { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 2px 10px; font-size: .8em; color: var(--muted); }
.area-counts .count { padding: 0 5px; }
.adds { margin: 8px 0 0; font-size: .85em; }
.adds ul { margin: 2px 0 0; padding-left: 18px; }
.adds .label { font-weight: 600; }
.adds details summary { cursor: pointer; color: var(--link); margin-left: 18px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 6px 0; min-width: 50%; }
th, td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
thead th { background: var(--card); font-weight: 600; }
.matrix td { text-align: center; min-width: 4.5em; }
.matrix thead th { font-size: .85em; }
.matrix tr.group th { background: transparent; border-left: 0; border-right: 0; padding-top: 10px; color: var(--muted); font-weight: 600; }
.matrix .zero { color: var(--muted); }
.matrix .h1 { background: color-mix(in srgb, var(--focus) 12%, transparent); }
.matrix .h2 { background: color-mix(in srgb, var(--focus) 24%, transparent); }
.matrix .h3 { background: color-mix(in srgb, var(--focus) 38%, transparent); }
.matrix .h4 { background: color-mix(in srgb, var(--focus) 55%, transparent); }
.matrix .total { font-weight: 600; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
.facts > div { display: contents; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.role-top { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.role-top .facts { flex: 0 1 480px; margin-top: 0; }
.role-card { flex: 0 1 340px; }
.ladder-ref { flex: 1 1 280px; max-width: 420px; }
.ladder-ref .track { max-width: none; }
.area-groups { columns: 2 320px; column-gap: 24px; }
.area-group { break-inside: avoid; }
.area-group h3 .count { margin-left: 4px; }
.chips { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.chip { border: 1px solid var(--border); border-radius: 12px; padding: 1px 10px; }
.chip.unknown { border-style: dashed; }
.statement .lead { font-size: 1.3em; }
.board, .scope, .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
.box { background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: 4px 14px 12px; }
.box h2, .box h3 { border: 0; margin: 8px 0 4px; font-size: 1em; }
.scope .in { border-top: 3px solid var(--a2); }
.scope .out { border-top: 3px solid var(--a4); }
.objective h3 .badge { margin-right: 4px; }
.baseline { color: var(--muted); }
.stale { position: sticky; top: 0; z-index: 1; background: var(--bg); border: 1px solid var(--warn); border-left-width: 4px; border-radius: 6px; padding: 2px 16px; margin-bottom: 12px; }
.problem { border: 1px solid var(--error); border-left-width: 4px; border-radius: 6px; padding: 8px 16px; margin-top: 8px; }
.problem h1 { font-size: 1.2em; margin-top: 6px; }
`;
