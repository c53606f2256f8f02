import type { ParsedDocument } from '../parse';
import { syntaxProblems, type SyntaxProblem } from '../rules/yamlSyntax';
import type { Taxonomy } from '../taxonomy';
import type { Kind } from '../types';
import { fileName, type DocumentSummary, type WorkspaceIndex } from '../workspace';

/**
 * The preview's model: plain JSON data, one shape per kind, built from one parsed document and the
 * workspace index. The webview and `charters render` both draw it with render.ts. Building it never
 * throws: a document it cannot read becomes a `problem` model that says what to fix.
 */
export type PreviewModel = LadderPreview | RolePreview | VisionPreview | StrategyPreview | CharterPreview | ProblemPreview;

/** Another document named by id: its title and file when the workspace has it. */
export interface DocLink {
  kind: Kind;
  id: string;
  /** The document's title, or the id when the document is missing or untitled. */
  title: string;
  uri?: string;
  missing: boolean;
}

export interface Header {
  id?: string;
  title: string;
  uri: string;
  status?: string;
  owner?: DocLink;
  updated?: string;
  tags: string[];
}

export interface AreaRef {
  id: string;
  title: string;
  /** Position in the taxonomy's list of areas (unknown areas come after): picks the area's colour. */
  order: number;
}

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
}

export interface RoleCard {
  id: string;
  title: string;
  uri?: string;
  /** No role document in the workspace has this id. */
  missing: boolean;
  level?: { id: string; title: string; rank?: number };
  /** Responsibilities by area (own + inherited taxonomy ids + own duties); every area of the taxonomy, zeros included. */
  areas: AreaCount[];
  total: number;
  /** What this rung holds that the rung below does not; absent on the bottom rung or next to a missing role. */
  adds?: ResponsibilityItem[];
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

export interface LadderPreview extends Header {
  kind: 'ladder';
  tracks: LadderTrack[];
  areas: AreaRef[];
  /** Roles (rows, track by track, lowest first) by areas (columns). */
  matrix: { track: string; role: DocLink; counts: number[]; total: number }[];
}

export interface RolePreview extends Header {
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
}

export interface VisionPreview extends Header {
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

export interface KeyResult {
  metric: string;
  baseline?: string;
  target?: string;
  due?: string;
  owner?: DocLink;
}

export interface StrategyPreview extends Header {
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

export interface CharterPreview extends Header {
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

export interface ProblemPreview {
  kind: 'problem';
  title: string;
  uri: string;
  /** What is wrong and what to do, in one sentence. */
  message: string;
  /** Specifics, such as the first YAML errors with their lines. */
  details: string[];
  /** The first syntax error, when that is why there is no preview. */
  syntaxError?: SyntaxProblem;
}

const MAX_YAML_ERRORS = 5;

export function buildPreviewModel(parsed: ParsedDocument, uri: string, index: WorkspaceIndex, taxonomy: Taxonomy): PreviewModel {
  try {
    return buildModel(parsed, uri, index, taxonomy);
  } catch (error) {
    // the model is built from whatever the user typed; a bug here must not blank the preview
    return problem(uri, 'Preview unavailable', 'The preview could not be built for this document.', [String((error as Error)?.message ?? error)]);
  }
}

function buildModel(parsed: ParsedDocument, uri: string, index: WorkspaceIndex, taxonomy: Taxonomy): PreviewModel {
  const name = fileName(uri);
  if (parsed.refused) return problem(uri, name, `${parsed.refused}.`, []);
  // in yaml-syntax's words, not the parser's; the webview keeps its last good rendering under the first
  const syntax = (parsed.yaml?.errors ?? []).length > 0 || parsed.tooManyAliases ? syntaxProblems(parsed) : [];
  if (syntax.length > 0) {
    const details = syntax.slice(0, MAX_YAML_ERRORS).map((error) => `Line ${error.line}: ${error.message}`);
    if (syntax.length > MAX_YAML_ERRORS) details.push(`… and ${syntax.length - MAX_YAML_ERRORS} more`);
    return { ...problem(uri, name, 'Fix the YAML errors to see the preview.', details), syntaxError: syntax[0] };
  }
  if (!isRecord(parsed.value)) return problem(uri, name, 'A charter document is a YAML mapping that starts with `kind:`; this file is not one yet.', []);
  if (!parsed.kind) {
    const kind = text(parsed.value.kind);
    return problem(
      uri,
      name,
      kind === undefined ? 'Add `kind:` (role, ladder, vision, strategy or charter) to see the preview.' : `"${kind}" is not a kind of document: use role, ladder, vision, strategy or charter.`,
      [],
    );
  }
  const context = new Context(parsed.kind, parsed.value, uri, index, taxonomy);
  switch (parsed.kind) {
    case 'ladder':
      return ladderModel(context);
    case 'role':
      return roleModel(context);
    case 'vision':
      return visionModel(context);
    case 'strategy':
      return strategyModel(context);
    case 'charter':
      return charterModel(context);
  }
}

/** What the preview needs to know of a role, whether read from the index or from the document being previewed. */
interface RoleFacts {
  id: string;
  uri: string;
  title?: string;
  level?: string;
  track?: string;
  inherits?: string;
  responsibilities: string[];
  duties: { text: string; area: string }[];
}

/** The document, the workspace and the taxonomy, with the look-ups every kind shares. */
class Context {
  /** The document itself when it is a role: it wins over the index, which may hold an older version. */
  private readonly self?: RoleFacts;
  readonly areas: AreaRef[];

  constructor(
    readonly kind: Kind,
    readonly value: Record<string, unknown>,
    readonly uri: string,
    readonly index: WorkspaceIndex,
    readonly taxonomy: Taxonomy,
  ) {
    if (kind === 'role') {
      const responsibilities = list(value.responsibilities);
      this.self = {
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
    this.areas = taxonomy.areas.map((area, order) => ({ id: area.id, title: area.title, order }));
  }

  header(): Header {
    const value = this.value;
    const owner = text(value.owner);
    return {
      id: text(value.id),
      title: text(value.title) ?? text(value.id) ?? fileName(this.uri),
      uri: this.uri,
      status: text(value.status),
      owner: owner === undefined ? undefined : this.link('role', owner),
      updated: text(value.updated),
      tags: texts(value.tags),
    };
  }

  role(id: string): RoleFacts | undefined {
    if (this.self && this.self.id === id) return this.self;
    const summary = this.index.find('role', id)[0];
    return summary && { ...summary, id, responsibilities: summary.responsibilities ?? [], duties: summary.duties ?? [] };
  }

  link(kind: Kind, id: string): DocLink {
    if (kind === this.kind && id === text(this.value.id)) return { kind, id, title: text(this.value.title) ?? id, uri: this.uri, missing: false };
    const found: DocumentSummary | undefined = this.index.find(kind, id)[0];
    return { kind, id, title: found?.title ?? id, uri: found?.uri, missing: !found };
  }

  roleLink(value: unknown): DocLink | undefined {
    const id = text(value);
    return id === undefined ? undefined : this.link('role', id);
  }

  area(id: string | undefined): AreaRef {
    const known = id === undefined ? -1 : this.areas.findIndex((area) => area.id === id);
    if (known >= 0) return this.areas[known];
    return { id: id ?? '', title: id ? humanize(id) : 'Not in the taxonomy', order: this.areas.length };
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
      const inheritedFrom = current === roleId ? undefined : this.link('role', current);
      for (const id of role.responsibilities) {
        if (held.has(id)) continue;
        held.add(id);
        const known = this.taxonomy.responsibility(id);
        items.push({ id, title: known?.title ?? id, area: known?.area, known: !!known, duty: false, inheritedFrom });
      }
      if (current === roleId) for (const duty of role.duties) items.push({ title: duty.text, area: duty.area, known: true, duty: true });
      current = role.inherits;
    }
    return items;
  }

  card(roleId: string, below?: string): RoleCard {
    const role = this.role(roleId);
    if (!role) return { id: roleId, title: roleId, missing: true, areas: this.areas.map((area) => ({ ...area, count: 0 })), total: 0 };
    const items = this.responsibilities(roleId);
    const counts = new Map<string, AreaCount>(this.areas.map((area) => [area.id, { ...area, count: 0 }]));
    for (const item of items) {
      const area = this.area(item.area);
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
      const lowerIds = new Set(this.responsibilities(below).map((item) => item.id ?? `duty:${item.title}`));
      card.adds = items.filter((item) => !lowerIds.has(item.id ?? `duty:${item.title}`));
      const rank = this.taxonomy.rank(role.level);
      const lowerRank = this.taxonomy.rank(lower.level);
      if (rank !== undefined && lowerRank !== undefined && lowerRank > rank) card.outOfOrder = true;
    }
    return card;
  }

  level(role: RoleFacts): RoleCard['level'] {
    const level = role.level === undefined ? undefined : this.taxonomy.level(role.level);
    if (level) return { id: level.id, title: level.title, rank: level.rank };
    if (role.level !== undefined) return { id: role.level, title: role.level };
    const crossFunctional = this.taxonomy.crossFunctionalRole(role.id);
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

  /** Documents of `kind` that reference this document's id. */
  referrers(kind: Kind): DocLink[] {
    const id = text(this.value.id);
    if (id === undefined) return [];
    const result: DocLink[] = [];
    for (const summary of this.index.documents(kind)) {
      if (summary.uri === this.uri) continue;
      if ((summary.references ?? []).some((ref) => ref.kind === this.kind && ref.id === id)) {
        result.push({ kind, id: summary.id ?? fileName(summary.uri), title: summary.title ?? summary.id ?? fileName(summary.uri), uri: summary.uri, missing: false });
      }
    }
    return result.sort((a, b) => a.title.localeCompare(b.title));
  }
}

function ladderModel(context: Context): LadderPreview {
  const tracks = list(context.value.tracks)
    .filter(isRecord)
    .map((track, position) => {
      const id = text(track.id) ?? `track-${position + 1}`;
      const roles = list(track.roles).map(text).filter((role): role is string => role !== undefined);
      return context.track(id, text(track.title) ?? id, roles);
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

function roleModel(context: Context): RolePreview {
  const value = context.value;
  const header = context.header();
  const id = header.id ?? '';
  const ladders: RolePreview['ladders'] = [];
  if (header.id !== undefined) {
    for (const ladder of context.index.documents('ladder')) {
      for (const track of ladder.tracks ?? []) {
        if (!track.roles.includes(id)) continue;
        ladders.push({
          ladder: { kind: 'ladder', id: ladder.id ?? fileName(ladder.uri), title: ladder.title ?? ladder.id ?? fileName(ladder.uri), uri: ladder.uri, missing: false },
          track: context.track(track.id, track.title, track.roles, id),
        });
      }
    }
  }
  // "adds" over the rung below on its first ladder, else over the role it inherits from
  const rungs = ladders[0]?.track.rungs ?? [];
  const position = rungs.findIndex((rung) => rung.highlighted);
  const card = context.card(id, position > 0 ? rungs[position - 1].id : text(value.inherits));
  card.highlighted = true;
  const groups = new Map<string, { area: AreaRef; items: ResponsibilityItem[] }>();
  for (const item of context.responsibilities(id)) {
    const area = context.area(item.area);
    const group = groups.get(area.id) ?? { area, items: [] };
    group.items.push(item);
    groups.set(area.id, group);
  }
  const skills = list(value.skills).flatMap((item) => {
    const skillId = isRecord(item) ? text(item.skill) : text(item);
    if (skillId === undefined) return [];
    const known = context.taxonomy.skill(skillId);
    return [{ id: skillId, title: known?.title ?? skillId, level: isRecord(item) ? text(item.level) : undefined, known: !!known }];
  });
  return {
    kind: 'role',
    ...header,
    card,
    summary: text(value.summary),
    track: text(value.track),
    reportsTo: context.roleLink(value.reportsTo),
    inherits: context.roleLink(value.inherits),
    next: list(value.next).map((item) => context.roleLink(item)).filter(defined),
    aliases: texts(value.aliases),
    ladders,
    responsibilities: [...groups.values()].sort((a, b) => a.area.order - b.area.order),
    skills,
    authority: texts(value.authority),
    goals: list(value.goals)
      .filter(isRecord)
      .map((goal) => ({ goal: text(goal.goal) ?? '(no goal)', measure: text(goal.measure), target: text(goal.target), due: text(goal.due) })),
  };
}

function visionModel(context: Context): VisionPreview {
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

function strategyModel(context: Context): StrategyPreview {
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
        keyResults: list(objective.keyResults).filter(isRecord).map((item) => keyResult(context, item)),
      })),
    initiatives: list(value.initiatives)
      .filter(isRecord)
      .map((item) => ({ title: text(item.title) ?? '(no title)', owner: context.roleLink(item.owner), when: text(item.when), objective: text(item.objective) })),
    differentiators: texts(value.differentiators),
    risks: texts(value.risks),
    assumptions: texts(value.assumptions),
    charters: context.referrers('charter'),
  };
}

function charterModel(context: Context): CharterPreview {
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
        consulted: list(right.consulted).map((item) => context.roleLink(item)).filter(defined),
        informed: list(right.informed).map((item) => context.roleLink(item)).filter(defined),
      })),
    successMetrics: list(value.successMetrics).filter(isRecord).map((item) => keyResult(context, item)),
    workingAgreements: texts(value.workingAgreements),
  };
}

function keyResult(context: Context, item: Record<string, unknown>): KeyResult {
  return {
    metric: text(item.metric) ?? '(no metric)',
    baseline: text(item.baseline),
    target: text(item.target),
    due: text(item.due),
    owner: context.roleLink(item.owner),
  };
}

function problem(uri: string, title: string, message: string, details: string[]): ProblemPreview {
  return { kind: 'problem', title, uri, message, details };
}

/** A scalar as the reader would write it; anything else (maps, lists, null) is no text. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function texts(value: unknown): string[] {
  return list(value).map(text).filter(defined);
}

function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDuty(item: unknown): item is { text: string; area: string } {
  return isRecord(item) && typeof item.text === 'string' && typeof item.area === 'string';
}

function humanize(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}

