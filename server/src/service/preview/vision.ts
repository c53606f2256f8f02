import { esc, text, texts, type DocLink, type Html, type KindModel, type ModelContext, type PreviewModule } from './shared';

/** A vision: the statement, the board (target group, needs, product, business goals), principles and the strategies serving it. */
export interface VisionPreview extends KindModel {
  kind: 'vision';
  statement?: string;
  targetGroup: string[];
  needs: string[];
  product: string[];
  businessGoals: string[];
  horizon?: string;
  principles: string[];
  /** Strategies in the workspace that serve this vision. */
  strategies: DocLink[];
}

export const visionPreview: PreviewModule<VisionPreview> = { model, render };

function model(context: ModelContext): VisionPreview {
  const value = context.value;
  return {
    kind: 'vision',
    ...context.header(),
    statement: text(value.statement),
    targetGroup: texts(value.targetGroup),
    needs: texts(value.needs),
    product: texts(value.product),
    businessGoals: texts(value.businessGoals),
    horizon: text(value.horizon),
    principles: texts(value.principles),
    strategies: context.referrers('strategy'),
  };
}

function render(model: VisionPreview, html: Html): string {
  const box = (title: string, items: string[], hint: string) => html.labelled('box', 'h2', esc(title), items.length ? html.list(items) : html.empty(hint));
  return `${html.header('Vision', model)}
<section class="statement" aria-labelledby="vision-h"><h2 id="vision-h">Vision${model.horizon ? ` <span class="muted">· ${esc(model.horizon)}</span>` : ''}</h2>
${model.statement ? `<p class="lead">${esc(model.statement)}</p>` : html.empty('No statement yet: the north star, in one or two sentences.')}</section>
<div class="board">
${box('Target group', model.targetGroup, 'Who is it for?')}
${box('Needs', model.needs, 'What problem does it solve?')}
${box('Product', model.product, 'What makes it stand out?')}
${box('Business goals', model.businessGoals, 'How does it benefit the business?')}
</div>
${html.section('Principles', html.list(model.principles))}
${html.section('Strategies serving this vision', html.links(model.strategies))}`;
}
