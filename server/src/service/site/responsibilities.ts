import { esc } from '../preview/escape';
import type { Responsibility } from '../taxonomy';
import { inheritedRoles, type DocumentSummary } from '../workspace';
import type { SiteContext } from '.';

/**
 * The responsibility index: each responsibility of the taxonomy, area by area, with what it means
 * and the roles that hold it (their own or inherited); then the ids roles write that the taxonomy
 * does not have.
 */
export function responsibilitiesPage(page: string, context: SiteContext): string {
  const taxonomy = context.settings.taxonomy;
  const holders = new Map<string, { role: DocumentSummary; inherited: boolean }[]>();
  const seen = new Set<string>();
  const roles = [...context.index.documents('role')]
    .filter((role) => role.id !== undefined)
    .sort((a, b) => (a.title ?? a.id!).localeCompare(b.title ?? b.id!) || (a.uri < b.uri ? -1 : 1));
  for (const role of roles) {
    if (seen.has(role.id!)) continue;
    seen.add(role.id!);
    const own = new Set(role.responsibilities.map((id) => taxonomy.responsibilityId(id) ?? id));
    const held = new Set(inheritedRoles(context.index, role.id!).flatMap((holder) => holder.responsibilities.map((id) => taxonomy.responsibilityId(id) ?? id)));
    for (const id of held) holders.set(id, [...(holders.get(id) ?? []), { role, inherited: !own.has(id) }]);
  }
  const heldBy = (id: string) => {
    const list = holders.get(id) ?? [];
    return list.length
      ? `<ul>${list.map(({ role, inherited }) => `<li>${context.link(page, role.uri, role.title ?? role.id!)}${inherited ? ' <span class="note">(inherited)</span>' : ''}</li>`).join('')}</ul>`
      : '<span class="none">No role holds it yet.</span>';
  };
  const row = (item: Responsibility) =>
    `<tr id="r-${esc(item.id)}"><th scope="row">${esc(item.title)}<br><code>${esc(item.id)}</code></th><td>${esc(item.description)}</td><td>${heldBy(item.id)}</td></tr>`;
  const table = (rows: string[]) =>
    `<div class="table-wrap"><table class="resp-table"><thead><tr><th scope="col">Responsibility</th><th scope="col">What it means</th><th scope="col">Held by</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;

  const areaIds = new Set(taxonomy.areas.map((area) => area.id));
  const groups = [
    ...taxonomy.areas.map((area) => ({
      id: area.id,
      title: area.title,
      description: area.description,
      items: taxonomy.responsibilities.filter((item) => item.area === area.id),
    })),
    { id: 'other', title: 'Other areas', description: undefined, items: taxonomy.responsibilities.filter((item) => !areaIds.has(item.area)) },
  ].filter((group) => group.items.length);
  const sections = groups.map(
    (group, position) =>
      `<section aria-labelledby="area-${position}-h"><h2 id="area-${position}-h">${esc(group.title)} <span class="count">${group.items.length}</span></h2>${group.description ? `<p class="desc">${esc(group.description)}</p>` : ''}${table(group.items.map(row))}</section>`,
  );
  const unknown = [...holders.keys()].filter((id) => !taxonomy.responsibility(id)).sort();
  if (unknown.length) {
    sections.push(
      `<section aria-labelledby="unknown-h"><h2 id="unknown-h">Not in the taxonomy</h2><p class="muted">Ids that roles list but the taxonomy does not have (unknown-responsibility reports each).</p><div class="table-wrap"><table class="resp-table"><thead><tr><th scope="col">Id</th><th scope="col">Held by</th></tr></thead><tbody>${unknown.map((id) => `<tr><th scope="row"><code>${esc(id)}</code></th><td>${heldBy(id)}</td></tr>`).join('')}</tbody></table></div></section>`,
    );
  }
  const total = taxonomy.responsibilities.length;
  const covered = taxonomy.responsibilities.filter((item) => holders.has(item.id)).length;
  return `<header class="doc-head"><p class="kind">Organisation</p><h1>Responsibilities</h1></header>
<p class="lead">${covered} of the taxonomy's ${total} responsibilities are held by at least one role. Each is listed with what it means and the roles that hold it.</p>
${sections.join('\n')}`;
}
