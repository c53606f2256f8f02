import {
  defined,
  esc,
  isRecord,
  list,
  text,
  texts,
  type DocLink,
  type Html,
  type KeyResult,
  type KindModel,
  type ModelContext,
  type PreviewModule,
} from './shared';

/** A team charter: mission, the strategy it serves, scope, team, decision rights, success metrics, stakeholders and agreements. */
export interface CharterPreview extends KindModel {
  kind: 'charter';
  mission?: string;
  strategy?: DocLink;
  scope: { in: string[]; out: string[] };
  team: { role?: DocLink; name?: string; count?: string }[];
  stakeholders: { name: string; interest?: string }[];
  decisionRights: { decision: string; owner?: DocLink; consulted: DocLink[]; informed: DocLink[] }[];
  successMetrics: KeyResult[];
  workingAgreements: string[];
}

export const charterPreview: PreviewModule<CharterPreview> = { model, render };

function model(context: ModelContext): CharterPreview {
  const value = context.value;
  const scope = isRecord(value.scope) ? value.scope : {};
  const strategy = text(value.strategy);
  return {
    kind: 'charter',
    ...context.header(),
    mission: text(value.mission),
    strategy: strategy === undefined ? undefined : context.link('strategy', strategy),
    scope: { in: texts(scope.in), out: texts(scope.out) },
    team: list(value.team)
      .filter(isRecord)
      .map((member) => ({ role: context.roleLink(member.role), name: text(member.name), count: text(member.count) })),
    stakeholders: list(value.stakeholders).flatMap((item) => {
      const name = isRecord(item) ? text(item.name) : text(item);
      return name === undefined ? [] : [{ name, interest: isRecord(item) ? text(item.interest) : undefined }];
    }),
    decisionRights: list(value.decisionRights)
      .filter(isRecord)
      .map((right) => ({
        decision: text(right.decision) ?? '(no decision)',
        owner: context.roleLink(right.owner),
        consulted: list(right.consulted)
          .map((item) => context.roleLink(item))
          .filter(defined),
        informed: list(right.informed)
          .map((item) => context.roleLink(item))
          .filter(defined),
      })),
    successMetrics: list(value.successMetrics)
      .filter(isRecord)
      .map((item) => context.keyResult(item)),
    workingAgreements: texts(value.workingAgreements),
  };
}

function render(model: CharterPreview, html: Html): string {
  const people = (links: DocLink[]) => links.map((link) => html.link(link)).join(', ');
  return `${html.header('Charter', model)}
<section class="statement" aria-labelledby="mission-h"><h2 id="mission-h">Mission</h2>
${model.mission ? `<p class="lead">${esc(model.mission)}</p>` : html.empty('No mission yet.')}
${model.strategy ? `<p class="muted">Serves ${html.link(model.strategy)}</p>` : ''}</section>
<section aria-labelledby="scope-h"><h2 id="scope-h">Scope</h2>
<div class="scope">
<section class="box in" aria-labelledby="scope-in-h"><h3 id="scope-in-h">In scope</h3>${model.scope.in.length ? html.list(model.scope.in) : html.empty('Nothing in scope yet.')}</section>
<section class="box out" aria-labelledby="scope-out-h"><h3 id="scope-out-h">Out of scope</h3>${model.scope.out.length ? html.list(model.scope.out) : html.empty('Nothing ruled out yet: say what the team does not own.')}</section>
</div></section>
${html.section(
  'Team',
  model.team.length
    ? html.table(
        ['Role', 'Name', 'Count'],
        model.team.map((member) => [member.role ? html.link(member.role) : '', esc(member.name ?? ''), esc(member.count ?? (member.name ? '' : '1'))]),
      )
    : html.empty('No team yet.'),
)}
${html.section(
  'Decision rights',
  html.table(
    ['Decision', 'Owner', 'Consulted', 'Informed'],
    model.decisionRights.map((right) => [esc(right.decision), right.owner ? html.link(right.owner) : '', people(right.consulted), people(right.informed)]),
  ),
)}
${html.section('Success metrics', model.successMetrics.length ? html.keyResults(model.successMetrics, false) : html.empty('No success metrics yet.'))}
${html.section(
  'Stakeholders',
  model.stakeholders.length
    ? `<ul>${model.stakeholders.map((item) => `<li><strong>${esc(item.name)}</strong>${item.interest ? `: ${esc(item.interest)}` : ''}</li>`).join('')}</ul>`
    : '',
)}
${html.section('Working agreements', html.list(model.workingAgreements))}`;
}
