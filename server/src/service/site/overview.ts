import { KINDS } from '../kinds';
import { severityName } from '../lint';
import { esc } from '../preview/escape';
import { RULES } from '../rules';
import { fileName } from '../workspace';
import type { SiteContext, SiteEntry } from '.';
import { ORG_CHART, relativeHref, RESPONSIBILITIES, SECTIONS } from './paths';

/** The overview: counts by kind, the ladders and their rungs, the findings summarised, and every document. */
export function overviewPage(page: string, context: SiteContext): string {
  const byKind = new Map(KINDS.map((kind) => [kind, context.entries.filter((entry) => entry.kind === kind)]));
  const all = context.entries.flatMap((entry) => entry.findings.map((finding) => ({ entry, severity: severityName(finding.severity), rule: finding.code })));
  const count = (severity: string) => all.filter((finding) => finding.severity === severity).length;
  const stats = KINDS.map((kind) => {
    const n = byKind.get(kind)!.length;
    return `<li><a href="#${SECTIONS[kind].folder}"><span class="number">${n}</span>${esc(SECTIONS[kind].heading)}</a></li>`;
  });
  stats.push(`<li><a href="#findings"><span class="number">${all.length}</span>Findings</a></li>`);

  return `<header class="doc-head"><p class="kind">Organisation</p><h1>${esc(context.siteTitle)}</h1></header>
<p class="lead">The career framework and product documents of this workspace: ${context.entries.length} document${context.entries.length === 1 ? '' : 's'}. See also the <a class="link" href="${esc(relativeHref(page, ORG_CHART))}">org chart</a> and the <a class="link" href="${esc(relativeHref(page, RESPONSIBILITIES))}">responsibility index</a>.</p>
<ul class="stats" aria-label="Documents by kind">${stats.join('')}</ul>
${ladders(page, context, byKind.get('ladder')!)}
${findings(page, context, all, count)}
${KINDS.map((kind) => documents(page, context, kind, byKind.get(kind)!)).join('\n')}`;
}

function ladders(page: string, context: SiteContext, entries: SiteEntry[]): string {
  if (!entries.length) return '';
  const items = entries.map((entry) => {
    const tracks = (entry.summary?.tracks ?? []).map((track) => {
      const rungs = track.roles.map((id) => {
        const role = context.index.find('role', id)[0];
        return `<li>${role ? context.link(page, role.uri, role.title ?? id) : `<span class="ref missing">${esc(id)}</span>`}</li>`;
      });
      return `<li><strong>${esc(track.title)}</strong>: ${rungs.length ? `<ol aria-label="${esc(track.title)}, lowest rung first">${rungs.join('')}</ol>` : '<span class="none">no roles</span>'}</li>`;
    });
    return `<section aria-labelledby="ladder-${esc(entry.page)}"><h3 id="ladder-${esc(entry.page)}">${context.link(page, entry.uri, entry.title)}</h3><ul class="ladder-summary">${tracks.join('')}</ul></section>`;
  });
  return `<section aria-labelledby="ladders-h"><h2 id="ladders-h">Career ladders</h2><p class="muted">Each track from the lowest rung up.</p>${items.join('')}</section>`;
}

function findings(
  page: string,
  context: SiteContext,
  all: { entry: SiteEntry; severity: string; rule: string }[],
  count: (severity: string) => number,
): string {
  if (!all.length)
    return `<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2><p>The checks find nothing to fix in this workspace.</p></section>`;
  const severities = ['error', 'warning', 'info', 'hint'];
  const descriptions = new Map(RULES.map((rule) => [rule.id, rule.description]));
  const byRule = new Map<string, { rule: string; counts: Map<string, number> }>();
  for (const finding of all) {
    const row = byRule.get(finding.rule) ?? { rule: finding.rule, counts: new Map() };
    row.counts.set(finding.severity, (row.counts.get(finding.severity) ?? 0) + 1);
    byRule.set(finding.rule, row);
  }
  const ruleRows = [...byRule.values()]
    .map((row) => ({ ...row, total: [...row.counts.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.rule < b.rule ? -1 : 1))
    .map(
      (row) =>
        `<tr><th scope="row"><code>${esc(row.rule)}</code></th><td>${esc(descriptions.get(row.rule) ?? '')}</td>${severities
          .slice(0, 3)
          .map((severity) => `<td>${row.counts.get(severity) ?? ''}</td>`)
          .join('')}</tr>`,
    );
  const documentRows = context.entries
    .filter((entry) => entry.findings.length)
    .map((entry) => ({ entry, counts: severities.map((severity) => entry.findings.filter((finding) => severityName(finding.severity) === severity).length) }))
    .sort((a, b) => b.counts[0] - a.counts[0] || b.counts[1] - a.counts[1] || b.counts[2] - a.counts[2] || (a.entry.uri < b.entry.uri ? -1 : 1))
    .map(
      ({ entry, counts }) =>
        `<tr><th scope="row">${context.link(page, entry.uri, entry.title)}${entry.page ? '' : ` <span class="note">${esc(fileName(entry.uri))}: not a document of a known kind</span>`}</th>${counts
          .slice(0, 3)
          .map((n) => `<td>${n || ''}</td>`)
          .join('')}</tr>`,
    );
  const totals = `<p class="findings-total"><span class="errors">${count('error')} error${count('error') === 1 ? '' : 's'}</span>, <span class="warnings">${count('warning')} warning${count('warning') === 1 ? '' : 's'}</span>, ${count('info') + count('hint')} note${count('info') + count('hint') === 1 ? '' : 's'}, in ${documentRows.length} document${documentRows.length === 1 ? '' : 's'}. Run <code>charters lint</code> for the lines and the fixes.</p>`;
  return `<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>${totals}
<h3>By rule</h3><div class="table-wrap"><table><thead><tr><th scope="col">Rule</th><th scope="col">What it checks</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Notes</th></tr></thead><tbody>${ruleRows.join('')}</tbody></table></div>
<h3>By document</h3><div class="table-wrap"><table><thead><tr><th scope="col">Document</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Notes</th></tr></thead><tbody>${documentRows.join('')}</tbody></table></div></section>`;
}

function documents(page: string, context: SiteContext, kind: (typeof KINDS)[number], entries: SiteEntry[]): string {
  const { folder, heading } = SECTIONS[kind];
  const items = entries.map((entry) => {
    const about = kind === 'role' ? roleLine(context, entry) : entry.summary?.summary;
    return `<li>${context.link(page, entry.uri, entry.title)}${about ? `<span class="muted">${esc(about)}</span>` : ''}</li>`;
  });
  return `<section id="${folder}" aria-labelledby="${folder}-h"><h2 id="${folder}-h">${esc(heading)} <span class="count">${entries.length}</span></h2>${items.length ? `<ul class="doc-list">${items.join('')}</ul>` : '<p class="none">None yet.</p>'}</section>`;
}

function roleLine(context: SiteContext, entry: SiteEntry): string | undefined {
  const level = entry.summary?.level;
  if (level === undefined) return undefined;
  const title = context.settings.taxonomy.level(level)?.title ?? level;
  return title === entry.title ? undefined : title;
}
