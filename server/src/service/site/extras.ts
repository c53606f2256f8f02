import type { PreviewModel } from '../preview';
import { esc } from '../preview/escape';
import type { RolePreview } from '../preview/role';
import type { DocLink } from '../preview/shared';
import type { StrategyPreview } from '../preview/strategy';
import type { DocumentSummary } from '../workspace';
import type { SiteContext } from '.';
import { ORG_CHART, relativeHref } from './paths';

/**
 * What a document's page shows beyond its preview: for a role, its reporting line (the chain up
 * and the direct reports) with a link to its box on the org chart; for a strategy, the tree from
 * the vision down to the initiatives.
 */
export function documentExtras(model: PreviewModel, page: string, context: SiteContext): string {
  if (model.kind === 'role') return reportingLine(model, page, context);
  if (model.kind === 'strategy') return strategyTree(model, page, context);
  if (model.kind === 'ladder') return `<p><a class="link" href="${esc(relativeHref(page, ORG_CHART))}">See who reports to whom on the org chart</a></p>`;
  return '';
}

function reportingLine(model: RolePreview, page: string, context: SiteContext): string {
  const id = model.id;
  if (id === undefined) return '';
  const chain: string[] = [];
  const seen = new Set([id]);
  let manager = model.reportsTo?.id;
  while (manager !== undefined && !seen.has(manager)) {
    seen.add(manager);
    const role: DocumentSummary | undefined = context.index.find('role', manager)[0];
    if (!role) {
      const external = context.settings.externalRoles.get(manager);
      chain.push(
        external
          ? `<span class="ref external">${esc(external.title)}</span> <span class="note">(outside the ladder)</span>`
          : `<span class="ref missing">${esc(manager)} <span class="note">(missing)</span></span>`,
      );
      break;
    }
    chain.push(context.link(page, role.uri, role.title ?? manager));
    manager = role.reportsTo;
  }
  const reports = [...context.index.documents('role')]
    .filter((role) => role.reportsTo === id && role.id !== id)
    .sort((a, b) => (a.title ?? a.id ?? '').localeCompare(b.title ?? b.id ?? '') || (a.uri < b.uri ? -1 : 1));
  const onChart = `<p><a class="link" href="${esc(relativeHref(page, ORG_CHART))}#role-${encodeURIComponent(id)}">See this role on the org chart</a></p>`;
  return `<section aria-labelledby="reporting-h"><h2 id="reporting-h">Reporting line</h2>
<div class="columns">
<section class="box" aria-labelledby="chain-h"><h3 id="chain-h">Reports to, up the line</h3>${chain.length ? `<ol class="chain">${chain.map((item) => `<li>${item}</li>`).join('')}</ol>` : '<p class="none">Reports to no one in the workspace.</p>'}</section>
<section class="box" aria-labelledby="reports-h"><h3 id="reports-h">Direct reports</h3>${reports.length ? `<ul>${reports.map((role) => `<li>${context.link(page, role.uri, role.title ?? role.id ?? '')}</li>`).join('')}</ul>` : '<p class="none">No role reports to this one.</p>'}</section>
</div>
${onChart}</section>`;
}

function strategyTree(model: StrategyPreview, page: string, context: SiteContext): string {
  const link = (doc: DocLink | undefined) => (doc ? context.link(page, doc.uri, doc.title) : '');
  const kindLabel = (label: string) => `<span class="node-kind">${label}</span>`;
  const placed = new Set<number>();
  const objectives = model.objectives.map((objective) => {
    const results = objective.keyResults.map(
      (result) =>
        `<li>${kindLabel('Key result')}${esc(result.metric)}: ${result.baseline !== undefined ? `<span class="baseline">${esc(result.baseline)}</span> → ` : ''}<strong>${esc(result.target ?? '?')}</strong>${result.due ? ` <span class="muted">by ${esc(result.due)}</span>` : ''}</li>`,
    );
    const initiatives = model.initiatives.flatMap((initiative, position) => {
      if (initiative.objective === undefined || initiative.objective.trim() !== objective.objective.trim()) return [];
      placed.add(position);
      return [initiative];
    });
    const items = [
      ...results,
      ...initiatives.map(
        (initiative) =>
          `<li>${kindLabel('Initiative')}${esc(initiative.title)}${initiative.owner ? ` <span class="muted">· ${link(initiative.owner)}</span>` : ''}${initiative.when ? ` <span class="muted">· ${esc(initiative.when)}</span>` : ''}</li>`,
      ),
    ];
    return `<li>${kindLabel('Objective')}<strong>${esc(objective.objective)}</strong>${items.length ? `<ul>${items.join('')}</ul>` : ''}</li>`;
  });
  const loose = model.initiatives.filter((_, position) => !placed.has(position));
  if (loose.length)
    objectives.push(
      `<li>${kindLabel('Not tied to an objective')}<ul>${loose.map((initiative) => `<li>${kindLabel('Initiative')}${esc(initiative.title)}${initiative.owner ? ` <span class="muted">· ${link(initiative.owner)}</span>` : ''}</li>`).join('')}</ul></li>`,
    );
  const root = model.vision ? `${kindLabel('Vision')}${link(model.vision)}` : `${kindLabel('Vision')}<span class="none">none named</span>`;
  return `<section aria-labelledby="tree-h"><h2 id="tree-h">From the vision to the initiatives</h2>
<ul class="tree"><li>${root}<ul><li>${kindLabel('Strategy')}<strong>${esc(model.title)}</strong>${objectives.length ? `<ul>${objectives.join('')}</ul>` : ''}</li></ul></li></ul></section>`;
}
