import builtIn from '../../../schemas/taxonomy.json';

/** One work the taxonomy is built from: an entry of its bibliography. */
export interface Source {
  file: string;
  title: string;
  author?: string;
  publisher?: string;
  year?: number;
}
export type LevelTrack = 'ic' | 'management';

export interface Level {
  id: string;
  title: string;
  /** 1 (associate-pm) to 6 (cpo); a level added by a workspace sits on the same scale. */
  rank: number;
  track: LevelTrack;
  description: string;
  /** Other ids accepted as this level. */
  aliases?: string[];
  /** Other job titles for this level (display only). */
  otherTitles?: string[];
  /** For a level added by a workspace: the built-in level whose typical responsibilities it holds. */
  like?: string;
  /** Set on the levels a workspace adds in charters.config.yaml. */
  added?: boolean;
}
export interface CrossFunctionalRole {
  id: string;
  title: string;
  description: string;
  /** Other job titles for this role (display only). */
  otherTitles?: string[];
}
export interface Area {
  id: string;
  title: string;
  description?: string;
  aliases?: string[];
}
export interface Responsibility {
  id: string;
  title: string;
  area: string;
  description: string;
  /** Other ids accepted as this responsibility: other spellings of the id. */
  aliases?: string[];
  /** Only someone with direct reports can hold it (hiring, performance reviews, managing product managers). */
  lineManagement?: boolean;
  /** Level or cross-functional role ids that typically hold it. */
  levels: string[];
  sources: string[];
}
export interface Skill {
  id: string;
  title: string;
  description: string;
  aliases?: string[];
  /** Level or cross-functional role ids that typically need it. */
  levels?: string[];
  sources?: string[];
}
export interface TaxonomyData {
  version: number;
  sources: Source[];
  levels: Level[];
  roles: CrossFunctionalRole[];
  areas: Area[];
  responsibilities: Responsibility[];
  skills: Skill[];
}

/** What a workspace's `charters.config.yaml` may add. */
export interface TaxonomyExtension {
  levels?: { id: string; title: string; rank: number; track: LevelTrack; like?: string; description?: string }[];
  areas?: { id: string; title: string; description?: string; aliases?: string[] }[];
  responsibilities?: { id: string; title: string; area: string; description?: string; aliases?: string[]; lineManagement?: boolean; levels?: string[] }[];
  skills?: { id: string; title: string; description?: string; aliases?: string[] }[];
}

const CONFIG_SOURCE = 'charters.config.yaml';

/** The taxonomy in force for one workspace: the shipped one plus the workspace's additions. */
export class Taxonomy {
  readonly levels: readonly Level[];
  readonly roles: readonly CrossFunctionalRole[];
  readonly areas: readonly Area[];
  readonly responsibilities: readonly Responsibility[];
  readonly skills: readonly Skill[];
  readonly sources: readonly Source[];
  private readonly holders = new Map<Responsibility, Level[]>();
  private readonly byId: {
    level: Map<string, Level>;
    role: Map<string, CrossFunctionalRole>;
    area: Map<string, Area>;
    responsibility: Map<string, Responsibility>;
    skill: Map<string, Skill>;
  };

  constructor(data: TaxonomyData, extension: TaxonomyExtension = {}) {
    this.sources = data.sources;
    this.levels = [
      ...data.levels,
      ...(extension.levels ?? []).map((level) => {
        const like = level.like === undefined ? undefined : data.levels.find((item) => item.id === level.like);
        return {
          id: level.id,
          title: level.title,
          rank: level.rank,
          track: level.track,
          description: level.description ?? (like ? `${level.title}: holds the typical responsibilities of a ${like.title}.` : level.title),
          ...(level.like === undefined ? {} : { like: level.like }),
          added: true,
        };
      }),
    ];
    this.roles = data.roles;
    this.areas = [...data.areas, ...(extension.areas ?? []).map((area) => ({ ...area }))];
    this.responsibilities = [
      ...data.responsibilities,
      ...(extension.responsibilities ?? []).map((item) => ({
        id: item.id,
        title: item.title,
        area: item.area,
        description: item.description ?? item.title,
        ...(item.aliases ? { aliases: item.aliases } : {}),
        ...(item.lineManagement ? { lineManagement: true } : {}),
        levels: item.levels ?? [],
        sources: [CONFIG_SOURCE],
      })),
    ];
    this.skills = [
      ...data.skills,
      ...(extension.skills ?? []).map((item) => ({
        id: item.id,
        title: item.title,
        description: item.description ?? item.title,
        ...(item.aliases ? { aliases: item.aliases } : {}),
        sources: [CONFIG_SOURCE],
      })),
    ];
    this.byId = {
      level: indexById(this.levels),
      role: indexById(this.roles),
      area: indexById(this.areas),
      responsibility: indexById(this.responsibilities),
      skill: indexById(this.skills),
    };
  }

  static builtIn(extension?: TaxonomyExtension): Taxonomy {
    return new Taxonomy(builtIn as TaxonomyData, extension);
  }

  level(id: string): Level | undefined {
    return this.byId.level.get(id);
  }
  crossFunctionalRole(id: string): CrossFunctionalRole | undefined {
    return this.byId.role.get(id);
  }
  area(id: string): Area | undefined {
    return this.byId.area.get(id);
  }
  responsibility(id: string): Responsibility | undefined {
    return this.byId.responsibility.get(id);
  }
  skill(id: string): Skill | undefined {
    return this.byId.skill.get(id);
  }
  rank(levelId: string | undefined): number | undefined {
    return levelId === undefined ? undefined : this.level(levelId)?.rank;
  }
  /** The canonical id of a responsibility written by id or by alias; undefined when the taxonomy has neither. */
  responsibilityId(id: string): string | undefined {
    return this.responsibility(id)?.id;
  }
  /** The canonical id of a skill written by id or by alias; undefined when the taxonomy has neither. */
  skillId(id: string): string | undefined {
    return this.skill(id)?.id;
  }
  /** The track of a level: `ic` or `management`. */
  track(levelId: string | undefined): LevelTrack | undefined {
    return levelId === undefined ? undefined : this.level(levelId)?.track;
  }
  /**
   * Whether a level or cross-functional role typically holds a responsibility: the responsibility
   * lists it, or, for a level a workspace added, the built-in level it is `like`.
   */
  holds(holderId: string, responsibility: Responsibility): boolean {
    if (responsibility.levels.includes(holderId)) return true;
    const like = this.level(holderId)?.like;
    return like !== undefined && responsibility.levels.includes(like);
  }
  /** The levels that typically hold a responsibility: those it lists, and the added levels `like` one of them. */
  holdersOf(responsibility: Responsibility): readonly Level[] {
    // asked for every responsibility of every role a lint meets: worked out once per taxonomy
    let holders = this.holders.get(responsibility);
    if (!holders) {
      holders = this.levels.filter((level) => this.holds(level.id, responsibility));
      this.holders.set(responsibility, holders);
    }
    return holders;
  }
  /** Responsibilities that a level or cross-functional role typically holds. */
  responsibilitiesOf(holderId: string): Responsibility[] {
    return this.responsibilities.filter((item) => this.holds(holderId, item));
  }
  /**
   * A source as people cite it: title and author, then publisher and year where known
   * (`*What Should a Head of Product Do?*, Roman Pichler (romanpichler.com, 2022)`), as Markdown.
   * A workspace's own additions cite its config file.
   */
  citation(file: string): string {
    if (file === CONFIG_SOURCE) return `this workspace's \`${CONFIG_SOURCE}\``;
    const source = this.source(file);
    return source ? citationText(source, (title) => `*${title}*`) : 'an unlisted source';
  }
  /** The bibliography entry of a source file; undefined for the config file and unknown names. */
  source(file: string): Source | undefined {
    return this.sources.find((item) => item.file === file);
  }

  /** The contract's JSON form (`charters taxonomy --format json`). */
  toJSON(): object {
    return {
      levels: this.levels.map((level) => ({
        ...level,
        responsibilities: this.responsibilitiesOf(level.id).map((item) => item.id),
      })),
      roles: this.roles.map((role) => ({
        ...role,
        responsibilities: this.responsibilitiesOf(role.id).map((item) => item.id),
      })),
      areas: this.areas,
      responsibilities: this.responsibilities,
      skills: this.skills,
      sources: this.sources,
    };
  }
}

/** A source's citation; `title` decorates the title (Markdown emphasis, or nothing). */
export function citationText(source: Source, title: (text: string) => string = (text) => text): string {
  return `${title(source.title)}${citationTail(source)}`;
}

/** What follows the title in a citation: `, Author (Publisher, Year)`, each part where known. */
export function citationTail(source: Source): string {
  const details = [source.publisher, source.year].filter((part) => part !== undefined && part !== '').join(', ');
  return `${source.author ? `, ${source.author}` : ''}${details ? ` (${details})` : ''}`;
}

/** Entries by id and by alias; an id always wins over another entry's alias of the same spelling. */
function indexById<T extends { id: string; aliases?: string[] }>(items: readonly T[]): Map<string, T> {
  const byId = new Map(items.map((item) => [item.id, item]));
  for (const item of items) {
    for (const alias of item.aliases ?? []) if (!byId.has(alias)) byId.set(alias, item);
  }
  return byId;
}
