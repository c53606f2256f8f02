import { colour, esc, isRecord, levelText, list, text, type AreaRef, type DocLink, type Html, type ModelContext } from './shared';

/**
 * Role cards and ladder tracks, which the ladder preview and the role preview both show:
 * what a role holds (its own responsibilities and those it inherits), by area, and what each
 * rung adds over the rung below.
 */

export interface AreaCount extends AreaRef {
  count: number;
}

/** One responsibility a role holds: a taxonomy id, or a duty of the team's own. */
export interface ResponsibilityItem {
  id?: string;
  title: string;
  area?: string;
  /** False for an id that the taxonomy does not have. */
  known: boolean;
  duty: boolean;
  /** The role it comes from when inherited. */
  inheritedFrom?: DocLink;
  /** The taxonomy's source files for it. */
  sources?: string[];
  /** The taxonomy's description of it. */
  description?: string;
}

export interface RoleCard {
  id: string;
  title: string;
  uri?: string;
  /** No role document in the workspace has this id. */
  missing: boolean;
  level?: { id: string; title: string; rank?: number; track?: string };
  /** Responsibilities by area (own + inherited taxonomy ids + own duties); every area of the taxonomy, zeros included. */
  areas: AreaCount[];
  total: number;
  /** What this rung holds that the rung below does not; absent on the bottom rung or next to a missing role. */
  adds?: ResponsibilityItem[];
  /** What the rung below holds that this rung does not; absent where `adds` is. */
  drops?: ResponsibilityItem[];
  /** The rung below has a higher rank than this one. */
  outOfOrder?: boolean;
  /** The role the preview is about (role previews show their ladder with it marked). */
  highlighted?: boolean;
}

export interface LadderTrack {
  id: string;
  title: string;
  /** Lowest rung first. */
  rungs: RoleCard[];
}

/** What the preview needs to know of a role, whether read from the index or from the document being previewed. */
export interface RoleFacts {
  id: string;
  uri: string;
  title?: string;
  level?: string;
  track?: string;
  inherits?: string;
  responsibilities: string[];
  duties: { text: string; area: string }[];
}

/** The facts of a role document read from its own value. */
export function roleFacts(value: Record<string, unknown>, uri: string): RoleFacts {
  const responsibilities = list(value.responsibilities);
  return {
    // a role without an id yet still previews its own list
    id: text(value.id) ?? '',
    uri,
    title: text(value.title),
    level: text(value.level),
    track: text(value.track),
    inherits: text(value.inherits),
    responsibilities: responsibilities.filter((item): item is string => typeof item === 'string'),
    duties: responsibilities.filter(isDuty),
  };
}

/** Titles listed on a card's "adds" before the rest fold away. */
const ADDS_SHOWN = 4;

// ---- the model -------------------------------------------------------------------------------

/** Builds cards and tracks from the roles of the workspace. */
export class Roles {
  /** `self`: the document being previewed when it is a role; it wins over the index, which may hold an older version. */
  constructor(
    private readonly context: ModelContext,
    private readonly self?: RoleFacts,
  ) {}

  role(id: string): RoleFacts | undefined {
    if (this.self && this.self.id === id) return this.self;
    const summary = this.context.index.find('role', id)[0];
    return summary && { ...summary, id, responsibilities: summary.responsibilities ?? [], duties: summary.duties ?? [] };
  }

  /** Own responsibilities first, then each inherited role's, following `inherits` until it loops. */
  responsibilities(roleId: string): ResponsibilityItem[] {
    const items: ResponsibilityItem[] = [];
    const held = new Set<string>();
    const seen = new Set<string>();
    let current: string | undefined = roleId;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      const role = this.role(current);
      if (!role) break;
      const inheritedFrom = current === roleId ? undefined : this.context.link('role', current);
      for (const written of role.responsibilities) {
        // an alias shows as the entry it stands for, and counts once with it
        const known = this.context.taxonomy.responsibility(written);
        const id = known?.id ?? written;
        if (held.has(id)) continue;
        held.add(id);
        items.push({
          id,
          title: known?.title ?? id,
          area: known?.area,
          known: !!known,
          duty: false,
          inheritedFrom,
          sources: known?.sources,
          description: known?.description,
        });
      }
      if (current === roleId) for (const duty of role.duties) items.push({ title: duty.text, area: duty.area, known: true, duty: true });
      current = role.inherits;
    }
    return items;
  }

  card(roleId: string, below?: string): RoleCard {
    const { areas, taxonomy } = this.context;
    const role = this.role(roleId);
    if (!role) return { id: roleId, title: roleId, missing: true, areas: areas.map((area) => ({ ...area, count: 0 })), total: 0 };
    const items = this.responsibilities(roleId);
    const counts = new Map<string, AreaCount>(areas.map((area) => [area.id, { ...area, count: 0 }]));
    for (const item of items) {
      const area = this.context.area(item.area);
      const entry = counts.get(area.id) ?? { ...area, count: 0 };
      entry.count++;
      counts.set(area.id, entry);
    }
    const card: RoleCard = {
      id: roleId,
      title: role.title ?? roleId,
      uri: role.uri,
      missing: false,
      level: this.level(role),
      areas: [...counts.values()],
      total: items.length,
    };
    const lower = below === undefined ? undefined : this.role(below);
    if (lower && below !== undefined) {
      const key = (item: ResponsibilityItem) => item.id ?? `duty:${item.title}`;
      const lowerItems = this.responsibilities(below);
      const lowerIds = new Set(lowerItems.map(key));
      const ownIds = new Set(items.map(key));
      card.adds = items.filter((item) => !lowerIds.has(key(item)));
      // a team duty is the rung's own wording, so only taxonomy responsibilities count as dropped
      card.drops = lowerItems.filter((item) => !item.duty && !ownIds.has(key(item)));
      const rank = taxonomy.rank(role.level);
      const lowerRank = taxonomy.rank(lower.level);
      if (rank !== undefined && lowerRank !== undefined && lowerRank > rank) card.outOfOrder = true;
    }
    return card;
  }

  private level(role: RoleFacts): RoleCard['level'] {
    const taxonomy = this.context.taxonomy;
    const level = role.level === undefined ? undefined : taxonomy.level(role.level);
    // a role's own track wins over its level's (a senior PM who manages is on the management track)
    if (level) return { id: level.id, title: level.title, rank: level.rank, track: role.track ?? level.track };
    if (role.level !== undefined) return { id: role.level, title: role.level };
    const crossFunctional = taxonomy.crossFunctionalRole(role.id);
    if (crossFunctional) return { id: crossFunctional.id, title: crossFunctional.title };
    if (role.track === 'cross-functional') return { id: 'cross-functional', title: 'Cross-functional' };
    return undefined;
  }

  track(id: string, title: string, roles: string[], highlight?: string): LadderTrack {
    return {
      id,
      title,
      rungs: roles.map((roleId, position) => {
        const card = this.card(roleId, position > 0 ? roles[position - 1] : undefined);
        if (roleId === highlight) card.highlighted = true;
        return card;
      }),
    };
  }
}

function isDuty(item: unknown): item is { text: string; area: string } {
  return isRecord(item) && typeof item.text === 'string' && typeof item.area === 'string';
}

// ---- the HTML --------------------------------------------------------------------------------

/** One track: a column of rungs, the top rung drawn first so the ladder reads upwards. */
export function renderTrack(html: Html, track: LadderTrack, heading: 'h2' | 'h3'): string {
  const id = html.id('track');
  const rungs = [...track.rungs].reverse();
  return `<section class="track" aria-labelledby="${id}">
<${heading} id="${id}" class="track-title">${esc(track.title)}</${heading}>
${rungs.length ? `<ol class="rungs" reversed>${rungs.map((card) => `<li>${renderCard(html, card, heading === 'h2' ? 'h3' : 'h4')}</li>`).join('')}</ol>` : html.empty('No roles in this track yet.')}
</section>`;
}

export function renderCard(html: Html, card: RoleCard, heading: 'h2' | 'h3' | 'h4'): string {
  const classes = ['card', card.missing ? 'missing' : '', card.highlighted ? 'highlighted' : '', card.outOfOrder ? 'out-of-order' : '']
    .filter(Boolean)
    .join(' ');
  const label = card.missing
    ? `${card.id}: no role with this id in the workspace`
    : `${card.title}${card.level ? `, ${levelText(card.level)}` : ''}, ${plural(card.total, 'responsibility', 'responsibilities')}`;
  const open = html.canOpen(card.uri, card.missing) ? ` data-uri="${esc(card.uri)}"` : '';
  const href = card.missing ? undefined : html.href(card.uri);
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
${counted.length ? `<ul class="area-counts" aria-label="Responsibilities by area">${counted.map(areaCount).join('')}</ul>` : '<p class="muted">No responsibilities yet.</p>'}
${adds(card)}
</article>`;
}

function areaCount(area: AreaCount): string {
  return `<li title="${esc(area.title)}"><span class="swatch ${colour(area)}" aria-hidden="true"></span><span class="area-name">${esc(area.title)}</span> <span class="count">${area.count}</span></li>`;
}

function adds(card: RoleCard): string {
  if (!card.adds)
    return card.total ? `<p class="adds"><span class="label">Foundation:</span> ${plural(card.total, 'responsibility', 'responsibilities')}</p>` : '';
  if (card.adds.length === 0) return `<p class="adds"><span class="label">Adds:</span> <span class="warn">nothing over the rung below</span></p>${drops(card)}`;
  return `${folded(`Adds ${card.adds.length}:`, card.adds, 'adds')}${drops(card)}`;
}

/** What the rung below holds and this one gives up: said only where there is something. */
function drops(card: RoleCard): string {
  return card.drops?.length ? folded(`Drops ${card.drops.length}:`, card.drops, 'adds drops') : '';
}

/** A labelled list of titles: the first few shown, the rest folded away. */
function folded(label: string, items: ResponsibilityItem[], className: string): string {
  const item = (entry: ResponsibilityItem) => `<li>${esc(entry.title)}</li>`;
  const shown = items.slice(0, ADDS_SHOWN);
  const rest = items.slice(ADDS_SHOWN);
  return `<div class="${className}"><span class="label">${esc(label)}</span>
<ul>${shown.map(item).join('')}</ul>${rest.length ? `<details><summary>${rest.length} more</summary><ul>${rest.map(item).join('')}</ul></details>` : ''}</div>`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
