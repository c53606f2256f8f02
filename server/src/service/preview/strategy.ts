import { esc, isRecord, list, text, texts, type DocLink, type Html, type KeyResult, type KindModel, type ModelContext, type PreviewModule } from './shared';

/** A strategy: the vision it serves, market, objectives and key results, initiatives, and the charters serving it. */
export interface StrategyPreview extends KindModel {
  kind: 'strategy';
  vision?: DocLink;
  horizon?: string;
  market: { segment: string; need?: string }[];
  objectives: { objective: string; keyResults: KeyResult[] }[];
  initiatives: { title: string; owner?: DocLink; when?: string; objective?: string }[];
  differentiators: string[];
  risks: string[];
  assumptions: string[];
  /** Charters in the workspace that name this strategy. */
  charters: DocLink[];
}

export const strategyPreview: PreviewModule<StrategyPreview> = { model, render };

function model(context: ModelContext): StrategyPreview {
  const value = context.value;
  const vision = text(value.vision);
  return {
    kind: 'strategy',
    ...context.header(),
    vision: vision === undefined ? undefined : context.link('vision', vision),
    horizon: text(value.horizon),
    market: list(value.market).flatMap((item) => {
      if (isRecord(item)) {
        const segment = text(item.segment);
        return segment === undefined && text(item.need) === undefined ? [] : [{ segment: segment ?? '(no segment)', need: text(item.need) }];
      }
      const segment = text(item);
      return segment === undefined ? [] : [{ segment }];
    }),
    objectives: list(value.objectives)
      .filter(isRecord)
      .map((objective) => ({
        objective: text(objective.objective) ?? '(no objective)',
        keyResults: list(objective.keyResults)
          .filter(isRecord)
          .map((item) => context.keyResult(item)),
      })),
    initiatives: list(value.initiatives)
      .filter(isRecord)
      .map((item) => ({
        title: text(item.title) ?? '(no title)',
        owner: context.roleLink(item.owner),
        when: text(item.when),
        objective: text(item.objective),
      })),
    differentiators: texts(value.differentiators),
    risks: texts(value.risks),
    assumptions: texts(value.assumptions),
    charters: context.referrers('charter'),
  };
}

function render(model: StrategyPreview, html: Html): string {
  const objectives = model.objectives.length
    ? model.objectives
        .map((objective, position) =>
          html.labelled(
            'objective',
            'h3',
            `<span class="badge">O${position + 1}</span> ${esc(objective.objective)}`,
            objective.keyResults.length ? html.keyResults(objective.keyResults, true) : html.empty('No key results yet.'),
          ),
        )
        .join('')
    : html.empty('No objectives yet.');
  return `${html.header('Strategy', model)}
${html.dl(
  [
    ['Vision', model.vision ? html.link(model.vision) : ''],
    ['Horizon', esc(model.horizon ?? '')],
  ],
  'Strategy facts',
)}
${html.section(
  'Market',
  model.market.length
    ? `<ul>${model.market.map((item) => `<li><strong>${esc(item.segment)}</strong>${item.need ? `<br><span class="muted">needs:</span> ${esc(item.need)}` : ''}</li>`).join('')}</ul>`
    : html.empty('No market yet.'),
)}
<section aria-labelledby="objectives-h"><h2 id="objectives-h">Objectives and key results</h2>${objectives}</section>
${html.section(
  'Initiatives',
  html.table(
    ['Initiative', 'Owner', 'When', 'Objective'],
    model.initiatives.map((item) => [esc(item.title), item.owner ? html.link(item.owner) : '', esc(item.when ?? ''), esc(item.objective ?? '')]),
  ),
)}
<div class="columns">
${html.section('Differentiators', html.list(model.differentiators))}
${html.section('Risks', html.list(model.risks))}
${html.section('Assumptions', html.list(model.assumptions))}
</div>
${html.section('Charters serving this strategy', html.links(model.charters))}`;
}
