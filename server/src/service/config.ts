import { parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fieldRange, keyRange, pathFromPointer } from './ast';
import { isRecord, type Schemas } from './schemas';
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
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

export const DEFAULT_CONFIG: ChartersConfig = { rules: {}, files: [], ignore: [], taxonomy: {} };

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
  return {
    config: {
      rules: (value.rules ?? {}) as Record<string, RuleSetting>,
      files: (value.files ?? []) as string[],
      ignore: (value.ignore ?? []) as string[],
      taxonomy: (value.taxonomy ?? {}) as TaxonomyExtension,
    },
    problems,
  };
}

/** What the rules need from a config: the taxonomy in force and the severities; and the date. */
export interface LintSettings {
  taxonomy: Taxonomy;
  rules: Record<string, RuleSetting>;
  /**
   * Today, `YYYY-MM-DD`, for the rules that compare dates with it (past-due): the language server
   * passes the machine's date, `charters lint` the machine's or `--today`. Without it, no date has passed.
   */
  today?: string;
}

export function lintSettings(config: ChartersConfig = DEFAULT_CONFIG, today?: string): LintSettings {
  return { taxonomy: Taxonomy.builtIn(config.taxonomy), rules: config.rules, ...(today ? { today } : {}) };
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
