import type { LayoutNode } from './layout';
import type { SiteContext } from '.';
import { orgChart, renderOrgChart } from './orgChart';
import { relativeHref } from './paths';
import { esc } from '../preview/escape';

/** The org chart page: the drawing, a key, and the same reporting lines as a nested list. */
export function orgChartPage(page: string, context: SiteContext): string {
  const chart = orgChart(context.index, context.settings.taxonomy, context.settings.externalRoles, (id) => {
    const target = context.rolePage(id);
    return target === undefined ? undefined : relativeHref(page, target);
  });
  if (!chart.boxes.length) {
    return `<header class="doc-head"><p class="kind">Organisation</p><h1>Org chart</h1></header><p class="empty">No role documents yet: the chart draws each role's <code>reportsTo</code>.</p>`;
  }
  const boxes = new Map(chart.boxes.map((box) => [box.id, box]));
  const item = (node: LayoutNode): string => {
    const box = boxes.get(node.id)!;
    const name = box.href ? `<a class="link" href="${esc(box.href)}">${esc(box.title)}</a>` : `<span class="ref ${box.kind}">${esc(box.title)}</span>`;
    const children = node.children.length ? `<ul>${node.children.map(item).join('')}</ul>` : '';
    return `<li>${name}${box.subtitle ? ` <span class="muted">· ${esc(box.subtitle)}</span>` : ''}${children}</li>`;
  };
  const roles = chart.boxes.filter((box) => box.kind === 'role').length;
  return `<header class="doc-head"><p class="kind">Organisation</p><h1>Org chart</h1></header>
<p class="lead">Who reports to whom: ${roles} role${roles === 1 ? '' : 's'} in ${chart.trees.length} reporting tree${chart.trees.length === 1 ? '' : 's'}, drawn from each role's <code>reportsTo</code>. Select a box to open the role.</p>
<ul class="chart-key" aria-label="Key"><li><span class="key" aria-hidden="true"></span>A role of the workspace</li><li><span class="key external" aria-hidden="true"></span>A role outside the ladder (the config's <code>externalRoles</code>)</li><li><span class="key missing" aria-hidden="true"></span>A manager no role document has</li></ul>
<div class="chart-wrap" tabindex="0" role="region" aria-label="Org chart drawing">${renderOrgChart(chart, 'chart-title')}</div>
<section aria-labelledby="list-h"><h2 id="list-h">The reporting lines as a list</h2><ul class="tree">${chart.trees.map(item).join('')}</ul></section>`;
}
