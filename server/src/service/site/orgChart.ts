import type { ExternalRole } from '../config';
import { esc } from '../preview/escape';
import type { Taxonomy } from '../taxonomy';
import type { WorkspaceIndex } from '../workspace';
import { tidyLayout, type LayoutNode } from './layout';

/**
 * The org chart: the roles of the workspace as a forest of `reportsTo` links, laid out tidily
 * (layout.ts) and drawn as an SVG when the site is built. A manager that is one of the config's
 * external roles, or that no role document has, is drawn as a box of its own, dashed, without a link.
 */

export interface ChartBox {
  id: string;
  title: string;
  /** The level's title, or nothing. */
  subtitle?: string;
  /** The role's page, relative to the org chart page; absent for external and missing managers. */
  href?: string;
  kind: 'role' | 'external' | 'missing';
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface OrgChart {
  boxes: ChartBox[];
  /** Manager → report, by index into `boxes`. */
  lines: [number, number][];
  width: number;
  height: number;
  orientation: 'top-down' | 'left-right';
  /** The roots of the forest with their reports, for the list beside the drawing. */
  trees: LayoutNode[];
}

export const BOX = { width: 204, height: 54, gap: 16, levelGap: 44, margin: 12 };
/** Wider than this drawn top-down, the chart is drawn left to right: long rows of reports read better as columns. */
const MAX_TOP_DOWN_WIDTH = 1600;

export function orgChart(
  index: WorkspaceIndex,
  taxonomy: Taxonomy,
  externalRoles: ReadonlyMap<string, ExternalRole>,
  pageOf: (id: string) => string | undefined,
): OrgChart {
  // one node per role id (a duplicate id is duplicate-id's to report), in title order
  const roles = new Map<string, { id: string; title: string; subtitle?: string; reportsTo?: string }>();
  const all = [...index.documents('role')].filter((role) => role.id !== undefined);
  all.sort((a, b) => (a.title ?? a.id!).localeCompare(b.title ?? b.id!) || compare(a.id!, b.id!) || compare(a.uri, b.uri));
  for (const role of all) {
    if (roles.has(role.id!)) continue;
    const level = role.level === undefined ? undefined : taxonomy.level(role.level);
    const title = role.title ?? role.id!;
    const subtitle = level?.title ?? role.level;
    // the level only where it says more than the title (a "Product Manager" is at the level "Product Manager")
    roles.set(role.id!, { id: role.id!, title, subtitle: subtitle === title ? undefined : subtitle, reportsTo: role.reportsTo });
  }
  const info = new Map<string, Omit<ChartBox, 'x' | 'y' | 'width' | 'height'>>();
  for (const role of roles.values()) info.set(role.id, { id: role.id, title: role.title, subtitle: role.subtitle, href: pageOf(role.id), kind: 'role' });
  const parent = new Map<string, string>();
  for (const role of roles.values()) {
    const manager = role.reportsTo;
    if (manager === undefined || manager === role.id) continue;
    if (!roles.has(manager) && !info.has(manager)) {
      const external = externalRoles.get(manager);
      info.set(
        manager,
        external
          ? { id: manager, title: external.title, subtitle: 'Outside the ladder', kind: 'external' }
          : { id: manager, title: manager, subtitle: 'No role document', kind: 'missing' },
      );
    }
    parent.set(role.id, manager);
  }
  const trees = forest([...info.keys()], parent);
  const topDown = tidyLayout(trees, BOX.width, BOX.gap);
  const width = Math.max(0, ...topDown.map((place) => place.centre + BOX.width / 2));
  const leftRight = width > MAX_TOP_DOWN_WIDTH;
  const placements = leftRight ? tidyLayout(trees, BOX.height, BOX.gap / 2) : topDown;
  const boxes: ChartBox[] = [];
  const at = new Map<string, number>();
  for (const place of placements) {
    const step = leftRight ? BOX.width + BOX.levelGap : BOX.height + BOX.levelGap;
    const along = place.centre - (leftRight ? BOX.height : BOX.width) / 2;
    const x = BOX.margin + (leftRight ? place.depth * step : along);
    const y = BOX.margin + (leftRight ? along : place.depth * step);
    at.set(place.id, boxes.length);
    boxes.push({ ...info.get(place.id)!, x, y, width: BOX.width, height: BOX.height });
  }
  const lines: [number, number][] = [];
  const stack = [...trees];
  while (stack.length) {
    const node = stack.pop()!;
    for (const child of node.children) lines.push([at.get(node.id)!, at.get(child.id)!]);
    stack.push(...node.children);
  }
  lines.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    boxes,
    lines,
    width: Math.ceil(Math.max(0, ...boxes.map((box) => box.x + box.width)) + BOX.margin),
    height: Math.ceil(Math.max(0, ...boxes.map((box) => box.y + box.height)) + BOX.margin),
    orientation: leftRight ? 'left-right' : 'top-down',
    trees,
  };
}

/**
 * The forest of `parent` links: roots are the nodes without a manager; a reporting cycle (which
 * reporting-cycle reports) is cut at its first node in order, which becomes a root.
 */
function forest(ids: string[], parent: ReadonlyMap<string, string>): LayoutNode[] {
  const nodes = new Map(ids.map((id) => [id, { id, children: [] as LayoutNode[] }]));
  const reports = new Map<string, string[]>();
  for (const id of ids) {
    const manager = parent.get(id);
    if (manager !== undefined && nodes.has(manager)) reports.set(manager, [...(reports.get(manager) ?? []), id]);
  }
  const placed = new Set<string>();
  const roots: LayoutNode[] = [];
  const grow = (root: string) => {
    placed.add(root);
    roots.push(nodes.get(root)!);
    const queue = [root];
    while (queue.length) {
      const id = queue.shift()!;
      for (const child of reports.get(id) ?? []) {
        if (placed.has(child)) continue;
        placed.add(child);
        nodes.get(id)!.children.push(nodes.get(child)!);
        queue.push(child);
      }
    }
  };
  for (const id of ids) if (!nodes.has(parent.get(id) ?? '')) grow(id);
  for (const id of ids) if (!placed.has(id)) grow(id);
  return roots;
}

/** Characters of a title that fit on one line of a box. */
const TITLE_CHARS = 23;
const SUBTITLE_CHARS = 30;

/** The chart as inline SVG: every role box a link to its page, every box with a `<title>`. */
export function renderOrgChart(chart: OrgChart, titleId: string): string {
  const vertical = chart.orientation === 'top-down';
  const edges = chart.lines.map(([from, to]) => {
    const a = chart.boxes[from];
    const b = chart.boxes[to];
    if (vertical) {
      const x1 = a.x + a.width / 2;
      const y1 = a.y + a.height;
      const x2 = b.x + b.width / 2;
      const mid = y1 + BOX.levelGap / 2;
      return `<path d="M${x1} ${y1}V${mid}H${x2}V${b.y}"/>`;
    }
    const x1 = a.x + a.width;
    const y1 = a.y + a.height / 2;
    const mid = x1 + BOX.levelGap / 2;
    return `<path d="M${x1} ${y1}H${mid}V${b.y + b.height / 2}H${b.x}"/>`;
  });
  const boxes = chart.boxes.map((box) => {
    const label = `${box.title}${box.subtitle ? `, ${box.subtitle}` : ''}`;
    // a title alone may take two lines; with a level under it, one
    const title = wrap(box.title, TITLE_CHARS, box.subtitle ? 1 : 2);
    const texts = [
      ...title.map(
        (line, n) => `<text x="${box.x + 10}" y="${box.y + (box.subtitle || title.length === 2 ? 22 : 32) + n * 18}" class="name">${esc(line)}</text>`,
      ),
      ...(box.subtitle ? [`<text x="${box.x + 10}" y="${box.y + 41}" class="sub">${esc(truncate(box.subtitle, SUBTITLE_CHARS))}</text>`] : []),
    ];
    const shape = `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/>\n${texts.join('')}`;
    const id = `role-${esc(box.id)}`;
    if (box.href) return `<a href="${esc(box.href)}" id="${id}" class="box role"><title>${esc(label)}</title>${shape}</a>`;
    return `<g id="${id}" class="box ${box.kind}"><title>${esc(label)}</title>${shape}</g>`;
  });
  return `<svg class="org-chart" xmlns="http://www.w3.org/2000/svg" width="${chart.width}" height="${chart.height}" viewBox="0 0 ${chart.width} ${chart.height}" role="group" aria-labelledby="${titleId}">
<title id="${titleId}">Org chart: who reports to whom, ${chart.boxes.length} boxes</title>
<g class="edges">${edges.join('')}</g>
${boxes.join('\n')}
</svg>`;
}

/** Words filled into at most `count` lines of `max` characters; what does not fit ends in "…". */
function wrap(text: string, max: number, count: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if ([...next].length <= max || !current) current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= count) return lines.map((line) => truncate(line, max));
  const kept = lines.slice(0, count);
  kept[count - 1] = truncate(`${kept[count - 1]} ${lines.slice(count).join(' ')}`, max);
  return kept;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
