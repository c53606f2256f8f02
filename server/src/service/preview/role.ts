import { citationTail, type Source } from '../taxonomy';
import { renderCard, renderTrack, roleFacts, Roles, type LadderTrack, type ResponsibilityItem, type RoleCard } from './cards';
import {
  colour,
  defined,
  esc,
  isRecord,
  levelText,
  list,
  summaryLink,
  text,
  texts,
  type AreaRef,
  type DocLink,
  type Html,
  type KindModel,
  type ModelContext,
  type PreviewModule,
} from './shared';

/** A role: its facts and card, the ladders it is on, its responsibilities by area, skills, authority and goals. */
export interface RolePreview extends KindModel {
  kind: 'role';
  card: RoleCard;
  summary?: string;
  track?: string;
  reportsTo?: DocLink;
  inherits?: DocLink;
  next: DocLink[];
  aliases: string[];
  ladders: { ladder: DocLink; track: LadderTrack }[];
  responsibilities: { area: AreaRef; items: ResponsibilityItem[] }[];
  skills: { id: string; title: string; level?: string; known: boolean }[];
  authority: string[];
  goals: { goal: string; measure?: string; target?: string; due?: string }[];
  /** The works the role's taxonomy responsibilities and skills come from, in bibliography order. */
  sources: Source[];
}

export const rolePreview: PreviewModule<RolePreview> = { model, render };

function model(context: ModelContext): RolePreview {
  const value = context.value;
  const roles = new Roles(context, roleFacts(value, context.uri));
  const header = context.header();
  const id = header.id ?? '';
  const ladders: RolePreview['ladders'] = [];
  if (header.id !== undefined) {
    for (const ladder of context.index.documents('ladder')) {
      for (const track of ladder.tracks ?? []) {
        if (!track.roles.includes(id)) continue;
        ladders.push({ ladder: summaryLink('ladder', ladder), track: roles.track(track.id, track.title, track.roles, id) });
      }
    }
  }
  // "adds" over the rung below on its first ladder, else over the role it inherits from
  const rungs = ladders[0]?.track.rungs ?? [];
  const position = rungs.findIndex((rung) => rung.highlighted);
  const card = roles.card(id, position > 0 ? rungs[position - 1].id : text(value.inherits));
  card.highlighted = true;
  const groups = new Map<string, { area: AreaRef; items: ResponsibilityItem[] }>();
  for (const item of roles.responsibilities(id)) {
    const area = context.area(item.area);
    const group = groups.get(area.id) ?? { area, items: [] };
    group.items.push(item);
    groups.set(area.id, group);
  }
  const skills = list(value.skills).flatMap((item) => {
    const skillId = isRecord(item) ? text(item.skill) : text(item);
    if (skillId === undefined) return [];
    const known = context.taxonomy.skill(skillId);
    return [{ id: known?.id ?? skillId, title: known?.title ?? skillId, level: isRecord(item) ? text(item.level) : undefined, known: !!known }];
  });
  const cited = new Set([
    ...[...groups.values()].flatMap((group) => group.items.flatMap((item) => item.sources ?? [])),
    ...skills.flatMap((skill) => context.taxonomy.skill(skill.id)?.sources ?? []),
  ]);
  return {
    kind: 'role',
    ...header,
    card,
    summary: text(value.summary),
    track: text(value.track),
    reportsTo: context.roleLink(value.reportsTo),
    inherits: context.roleLink(value.inherits),
    next: list(value.next)
      .map((item) => context.roleLink(item))
      .filter(defined),
    aliases: texts(value.aliases),
    ladders,
    responsibilities: [...groups.values()].sort((a, b) => a.area.order - b.area.order),
    skills,
    authority: texts(value.authority),
    goals: list(value.goals)
      .filter(isRecord)
      .map((goal) => ({ goal: text(goal.goal) ?? '(no goal)', measure: text(goal.measure), target: text(goal.target), due: text(goal.due) })),
    sources: context.taxonomy.sources.filter((source) => cited.has(source.file)),
  };
}

function render(model: RolePreview, html: Html): string {
  const facts: [string, string][] = [
    ['Level', model.card.level ? esc(levelText(model.card.level)) : ''],
    ['Track', esc(model.track ?? '')],
    ['Reports to', model.reportsTo ? html.link(model.reportsTo) : ''],
    ['Inherits', model.inherits ? html.link(model.inherits) : ''],
    ['Leads to', model.next.map((link) => html.link(link)).join(', ')],
    ['Also called', esc(model.aliases.join(', '))],
  ];
  const ladders = model.ladders.length
    ? `<div class="tracks">${model.ladders
        .map(({ ladder, track }) => `<div class="ladder-ref"><p class="muted">${html.link(ladder)}</p>${renderTrack(html, track, 'h3')}</div>`)
        .join('')}</div>`
    : `<p class="muted">No ladder in the workspace lists this role.</p>`;
  const responsibilities = model.responsibilities.length
    ? model.responsibilities
        .map((group) =>
          html.labelled(
            'area-group',
            'h3',
            `<span class="swatch ${colour(group.area)}" aria-hidden="true"></span>${esc(group.area.title)} <span class="count">${group.items.length}</span>`,
            `<ul>${group.items.map((item) => `<li>${responsibility(item, html)}</li>`).join('')}</ul>`,
          ),
        )
        .join('')
    : html.empty('No responsibilities yet.');
  return `${html.header('Role', model)}
${model.summary ? `<p class="lead">${esc(model.summary)}</p>` : html.empty('No summary yet: say why the role exists.')}
<div class="role-top">
${html.dl(facts, 'Role facts')}
<div class="role-card">${renderCard(html, model.card, 'h2')}</div>
</div>
${html.orgChartLink(model.id)}
<section aria-labelledby="ladders-h"><h2 id="ladders-h">On the ladder</h2>${ladders}</section>
<section aria-labelledby="resp-h"><h2 id="resp-h">Responsibilities</h2><div class="area-groups">${responsibilities}</div></section>
${html.section('Authority', html.list(model.authority))}
${html.section(
  'Skills',
  model.skills.length
    ? `<ul class="chips">${model.skills
        .map(
          (skill) =>
            `<li class="chip${skill.known ? '' : ' unknown'}">${esc(skill.title)}${skill.level ? ` <span class="badge" aria-label="level ${esc(skill.level)} of 5">${esc(skill.level)}/5</span>` : ''}${skill.known ? '' : ' <span class="note">not in the taxonomy</span>'}</li>`,
        )
        .join('')}</ul>`
    : '',
)}
${html.section(
  'Goals',
  html.table(
    ['Goal', 'Measure', 'Target', 'Due'],
    model.goals.map((goal) => [esc(goal.goal), esc(goal.measure ?? ''), esc(goal.target ?? ''), esc(goal.due ?? '')]),
  ),
)}
${html.section(
  'Sources',
  model.sources.length
    ? `<p class="muted">The taxonomy entries above come from:</p><ul class="sources">${model.sources.map((source) => `<li><cite>${esc(source.title)}</cite>${esc(citationTail(source))}</li>`).join('')}</ul>`
    : '',
)}`;
}

function responsibility(item: ResponsibilityItem, html: Html): string {
  const notes = [
    item.duty ? '<span class="tag">team duty</span>' : '',
    item.known ? '' : '<span class="note warn">not in the taxonomy</span>',
    item.inheritedFrom ? `<span class="note">from ${html.link(item.inheritedFrom)}</span>` : '',
  ].filter(Boolean);
  const description = html.descriptions && item.description ? `<br><span class="desc">${esc(item.description)}</span>` : '';
  return `${esc(item.title)}${notes.length ? ` ${notes.join(' ')}` : ''}${description}`;
}
