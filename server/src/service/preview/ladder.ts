import { renderTrack, Roles, type LadderTrack } from './cards';
import { colour, esc, isRecord, list, text, type AreaRef, type DocLink, type Html, type KindModel, type ModelContext, type PreviewModule } from './shared';

/** A ladder: its tracks side by side, lowest rung at the bottom, and a matrix of roles by area. */
export interface LadderPreview extends KindModel {
  kind: 'ladder';
  tracks: LadderTrack[];
  areas: AreaRef[];
  /** Roles (rows, track by track, lowest first) by areas (columns). */
  matrix: { track: string; role: DocLink; counts: number[]; total: number }[];
}

export const ladderPreview: PreviewModule<LadderPreview> = { model, render };

function model(context: ModelContext): LadderPreview {
  const roles = new Roles(context);
  const tracks = list(context.value.tracks)
    .filter(isRecord)
    .map((track, position) => {
      const id = text(track.id) ?? `track-${position + 1}`;
      const ids = list(track.roles)
        .map(text)
        .filter((role): role is string => role !== undefined);
      return roles.track(id, text(track.title) ?? id, ids);
    });
  const matrix = tracks.flatMap((track) =>
    track.rungs.map((card) => ({
      track: track.title,
      role: { kind: 'role' as const, id: card.id, title: card.title, uri: card.uri, missing: card.missing },
      counts: context.areas.map((area) => card.areas.find((count) => count.id === area.id)?.count ?? 0),
      total: card.total,
    })),
  );
  return { kind: 'ladder', ...context.header(), tracks, areas: context.areas, matrix };
}

function render(model: LadderPreview, html: Html): string {
  const tracks = model.tracks.length
    ? `<div class="tracks">${model.tracks.map((track) => renderTrack(html, track, 'h2')).join('')}</div>`
    : html.empty('No tracks yet: add `tracks` with the roles of each, lowest first.');
  return `${html.header('Ladder', model)}
${legend(model.areas)}
${tracks}
${matrix(model, html)}
${html.orgChartLink()}`;
}

function legend(areas: AreaRef[]): string {
  return `<ul class="legend" aria-label="Areas">${areas.map((area) => `<li><span class="swatch ${colour(area)}" aria-hidden="true"></span>${esc(area.title)}</li>`).join('')}</ul>`;
}

function matrix(model: LadderPreview, html: Html): string {
  if (!model.matrix.length) return '';
  const head = `<tr><th scope="col">Role</th>${model.areas.map((area) => `<th scope="col"><span class="swatch ${colour(area)}" aria-hidden="true"></span>${esc(area.title)}</th>`).join('')}<th scope="col">Total</th></tr>`;
  let previous: string | undefined;
  const rows = model.matrix.map((row) => {
    const group = row.track !== previous ? `<tr class="group"><th scope="rowgroup" colspan="${model.areas.length + 2}">${esc(row.track)}</th></tr>` : '';
    previous = row.track;
    return `${group}<tr><th scope="row">${html.link(row.role)}</th>${row.counts.map((count) => `<td class="${heat(count)}">${count || '<span class="zero">·</span>'}</td>`).join('')}<td class="total">${row.total}</td></tr>`;
  });
  return `<section aria-labelledby="matrix-h"><h2 id="matrix-h">Responsibilities by area</h2>
<div class="table-wrap"><table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

/** The shade of a matrix cell (`h0`…`h4`, see preview.css). */
function heat(count: number): string {
  return count <= 0 ? 'h0' : count === 1 ? 'h1' : count <= 3 ? 'h2' : count <= 5 ? 'h3' : 'h4';
}
