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

/** What the rules need from a config: the taxonomy in force and the severities. */
export interface LintSettings {
  taxonomy: Taxonomy;
  rules: Record<string, RuleSetting>;
}

export function lintSettings(config: ChartersConfig = DEFAULT_CONFIG): LintSettings {
  return { taxonomy: Taxonomy.builtIn(config.taxonomy), rules: config.rules };
}

function keyRangeOrValue(parsed: Parameters<typeof keyRange>[0], path: (string | number)[], keyword: string): Range {
  const range = keyword === 'additionalProperties' || keyword === 'propertyNames' ? keyRange(parsed, path) : fieldRange(parsed, path);
  return range ?? keyRange(parsed, [])!;
}
