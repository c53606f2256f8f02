import { parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fieldRange, keyRange, pathFromPointer } from './ast';
import { isRecord, type Schemas } from './schemas';
import { nearest } from './suggest';
import { Taxonomy, type TaxonomyExtension } from './taxonomy';
import type { Range, RuleSetting } from './types';

export const CONFIG_FILE = 'charters.config.yaml';

/** A workspace's settings: data only, never code. */
export interface ChartersConfig {
  rules: Record<string, RuleSetting>;
  /** Extra globs of charter documents, relative to the workspace root. */
  files: string[];
  /** Globs that are never checked, relative to the workspace root. */
  ignore: string[];
  taxonomy: TaxonomyExtension;
  /** Roles the workspace names in charters and strategies without a role document of their own. */
  externalRoles: ExternalRole[];
}

/** A role outside the product ladder (an engineering manager, a data scientist), named by id in charters and strategies. */
export interface ExternalRole {
  id: string;
  title: string;
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

export const DEFAULT_CONFIG: ChartersConfig = { rules: {}, files: [], ignore: [], taxonomy: {}, externalRoles: [] };

/** Read `charters.config.yaml`; a config with problems is not used, and the problems say why. */
export function parseConfig(text: string, schemas: Schemas): { config?: ChartersConfig; problems: ConfigProblem[] } {
  const textDocument = TextDocument.create('config', 'yaml', 0, text);
  const yaml = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const problems: ConfigProblem[] = yaml.errors.map((error) => ({
    message: `YAML syntax: ${error.message.split('\n')[0]}`,
    range: { start: textDocument.positionAt(error.pos[0]), end: textDocument.positionAt(error.pos[1]) },
  }));
  if (problems.length) return { problems };
  let value: unknown;
  try {
    value = yaml.toJS({ maxAliasCount: 100 }) ?? {};
  } catch {
    return { problems: [{ message: 'The config expands aliases too often to be read safely.', range: keyRange({ yaml, textDocument }, [])! }] };
  }
  const parsed = { yaml, textDocument };
  const seen = new Set<string>();
  for (const error of schemas.validate('config', value)) {
    if (error.keyword === 'if' || (error.keyword !== 'propertyNames' && error.propertyName !== undefined)) continue; // propertyNames says it
    let path = pathFromPointer(yaml, error.instancePath);
    const params = error.params as Record<string, string>;
    let message: string;
    if (error.keyword === 'additionalProperties' || error.keyword === 'propertyNames') {
      const name = params.additionalProperty ?? params.propertyName;
      path = [...path, name];
      message = path[0] === 'rules' ? `"${name}" is not a rule id of Product Charters.` : `"${name}" is not a setting of charters.config.yaml here.`;
    } else if (error.keyword === 'enum' && path[0] === 'rules') {
      message = `"${String(error.data)}" is not a severity: use off, info, warning or error.`;
    } else if (error.keyword === 'enum') {
      message = `"${String(error.data)}" is not allowed in "${path.join('.')}": use one of ${((error.schema as unknown[]) ?? []).join(', ')}.`;
    } else {
      message = `"${path.join('.') || 'config'}" ${error.message ?? 'is not valid'}.`;
    }
    const range = keyRangeOrValue(parsed, path, error.keyword);
    const key = `${message}@${range.start.line}:${range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ message, range });
  }
  if (problems.length || !isRecord(value)) return { problems };
  const taxonomy = (value.taxonomy ?? {}) as TaxonomyExtension;
  problems.push(...levelProblems(parsed, taxonomy));
  if (problems.length) return { problems };
  return {
    config: {
      rules: (value.rules ?? {}) as Record<string, RuleSetting>,
      files: (value.files ?? []) as string[],
      ignore: (value.ignore ?? []) as string[],
      taxonomy,
      externalRoles: (value.externalRoles ?? []) as ExternalRole[],
    },
    problems,
  };
}

/**
 * What the schema cannot say, because levels can be added: an added level must not take the id of
 * a built-in one, and a responsibility's `levels` must name levels or cross-functional roles that exist.
 */
function levelProblems(parsed: Parameters<typeof keyRange>[0], extension: TaxonomyExtension): ConfigProblem[] {
  const builtIn = Taxonomy.builtIn();
  const problems: ConfigProblem[] = [];
  const added = new Set<string>();
  (extension.levels ?? []).forEach((level, index) => {
    const clash = builtIn.level(level.id) ?? builtIn.crossFunctionalRole(level.id);
    if (clash) {
      problems.push({
        message: `"${level.id}" is already the built-in ${clash.title}: give the added level an id of its own.`,
        range: fieldRange(parsed, ['taxonomy', 'levels', index, 'id']) ?? keyRange(parsed, [])!,
      });
    } else if (added.has(level.id)) {
      problems.push({
        message: `The level "${level.id}" is added twice: keep one.`,
        range: fieldRange(parsed, ['taxonomy', 'levels', index, 'id']) ?? keyRange(parsed, [])!,
      });
    }
    added.add(level.id);
  });
  const holders = [...builtIn.levels.map((level) => level.id), ...added, ...builtIn.roles.map((role) => role.id)];
  (extension.responsibilities ?? []).forEach((item, index) => {
    (item.levels ?? []).forEach((levelId, position) => {
      if (holders.includes(levelId)) return;
      const suggestion = nearest(levelId, holders);
      problems.push({
        message: `"${levelId}" is not a level: ${suggestion ? `did you mean "${suggestion}"? ` : ''}use a built-in level, a cross-functional role or a level added under taxonomy.levels.`,
        range: fieldRange(parsed, ['taxonomy', 'responsibilities', index, 'levels', position]) ?? keyRange(parsed, [])!,
      });
    });
  });
  return problems;
}

/** What the rules need from a config: the taxonomy in force, the severities, the external roles; and the date. */
export interface LintSettings {
  taxonomy: Taxonomy;
  rules: Record<string, RuleSetting>;
  /** The config's `externalRoles`, by id. */
  externalRoles: ReadonlyMap<string, ExternalRole>;
  /**
   * Today, `YYYY-MM-DD`, for the rules that compare dates with it (past-due): the language server
   * passes the machine's date, `charters lint` the machine's or `--today`. Without it, no date has passed.
   */
  today?: string;
}

export function lintSettings(config: ChartersConfig = DEFAULT_CONFIG, today?: string): LintSettings {
  return {
    taxonomy: Taxonomy.builtIn(config.taxonomy),
    rules: config.rules,
    externalRoles: new Map((config.externalRoles ?? []).map((role) => [role.id, role])),
    ...(today ? { today } : {}),
  };
}

/** A `YYYY-MM-DD` that names a real calendar day (`2027-02-30` does not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A date's `YYYY-MM-DD` in the local time zone: the day the person at the machine calls today. */
export function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function keyRangeOrValue(parsed: Parameters<typeof keyRange>[0], path: (string | number)[], keyword: string): Range {
  const range = keyword === 'additionalProperties' || keyword === 'propertyNames' ? keyRange(parsed, path) : fieldRange(parsed, path);
  return range ?? keyRange(parsed, [])!;
}
