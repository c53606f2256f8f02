import builtIn from '../../../schemas/taxonomy.json';

export interface Source {
  file: string;
  title: string;
  author?: string;
}
export interface Level {
  id: string;
  title: string;
  rank: number;
  track: string;
  description: string;
  aliases?: string[];
}
export interface CrossFunctionalRole {
  id: string;
  title: string;
  description: string;
  aliases?: string[];
}
export interface Area {
  id: string;
  title: string;
  description?: string;
}
export interface Responsibility {
  id: string;
  title: string;
  area: string;
  description: string;
  /** Level or cross-functional role ids that typically hold it. */
  levels: string[];
  sources: string[];
}
export interface Skill {
  id: string;
  title: string;
  description: string;
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
  areas?: { id: string; title: string; description?: string }[];
  responsibilities?: { id: string; title: string; area: string; description?: string; levels?: string[] }[];
  skills?: { id: string; title: string; description?: string }[];
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
  private readonly byId: {
    level: Map<string, Level>;
    role: Map<string, CrossFunctionalRole>;
    area: Map<string, Area>;
    responsibility: Map<string, Responsibility>;
    skill: Map<string, Skill>;
  };

  constructor(data: TaxonomyData, extension: TaxonomyExtension = {}) {
    this.sources = data.sources;
    this.levels = data.levels;
    this.roles = data.roles;
    this.areas = [...data.areas, ...(extension.areas ?? []).map((area) => ({ ...area }))];
    this.responsibilities = [
      ...data.responsibilities,
      ...(extension.responsibilities ?? []).map((item) => ({
        id: item.id,
        title: item.title,
        area: item.area,
        description: item.description ?? item.title,
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
  /** Responsibilities that a level or cross-functional role typically holds. */
  responsibilitiesOf(holderId: string): Responsibility[] {
    return this.responsibilities.filter((item) => item.levels.includes(holderId));
  }
  sourceTitle(file: string): string {
    return this.sources.find((source) => source.file === file)?.title ?? file;
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

function indexById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
