import { ruleDocsUrl, RULES, severityName, type ChartersDiagnostic } from '../service';
import { version as packageVersion } from '../../../package.json';

export interface FileResult {
  /** As given on the command line or found under a folder given there. */
  path: string;
  diagnostics: ChartersDiagnostic[];
}

/** How many errors and warnings a lint found. */
export interface Counts {
  errors: number;
  warnings: number;
}

export function summary(results: FileResult[]): Counts {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const diagnostic of result.diagnostics) {
      const severity = severityName(diagnostic.severity);
      if (severity === 'error') errors++;
      else if (severity === 'warning') warnings++;
    }
  }
  return { errors, warnings };
}

export function formatJson(results: FileResult[]): string {
  return jsonReport([jsonFiles(results)], summary(results));
}

/**
 * `results` as the JSON report lists them, each file in its place in the report's `files` array:
 * a piece of the report, which `jsonReport` joins with the others. A large lint renders each chunk
 * of files as it is linted, between the chunks it lints (parallelLint.ts), not all at the end.
 */
export function jsonFiles(results: FileResult[]): string {
  if (results.length === 0) return '';
  // the files as JSON.stringify writes them inside the report's `files`: nested that deep, with
  // the report's opening and closing cut off (one native call, and no second pass to indent them)
  const text = JSON.stringify({ files: results.map(jsonFile) }, null, 2);
  return text.slice(FILES_OPEN.length, text.length - FILES_CLOSE.length);
}

const FILES_OPEN = '{\n  "files": [\n';
const FILES_CLOSE = '\n  ]\n}';

/** The JSON report from the pieces `jsonFiles` rendered of the results, in order, and their counts: `JSON.stringify(report, null, 2)`. */
export function jsonReport(pieces: readonly string[], counts: Counts): string {
  const files = pieces.filter((piece) => piece !== '');
  const summaryText = indent(JSON.stringify({ errors: counts.errors, warnings: counts.warnings }, null, 2), '  ');
  return `{\n  "files": ${files.length ? `[\n${files.join(',\n')}\n  ]` : '[]'},\n  "summary": ${summaryText}\n}`;
}

function jsonFile(result: FileResult) {
  return {
    path: result.path,
    diagnostics: result.diagnostics.map((diagnostic) => ({
      code: diagnostic.code,
      severity: severityName(diagnostic.severity),
      message: diagnostic.message,
      range: diagnostic.range,
      // every fix, safe or a suggestion, for other tools to apply: edits with 0-based ranges
      fixes: (diagnostic.data?.fixes ?? []).map((fix) => ({
        title: fix.title,
        safety: fix.safety,
        edits: fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })),
      })),
    })),
  };
}

/** JSON text nested deeper: every line after the first indented by `by` (a JSON string never holds a line break). */
function indent(json: string, by: string): string {
  return json.replaceAll('\n', `\n${by}`);
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[90m', dim: '\x1b[2m', reset: '\x1b[0m', underline: '\x1b[4m' };

/** ESLint-style output for people: 1-based positions, grouped by file. */
export function formatStylish(results: FileResult[], color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  let infos = 0;
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    lines.push(paint(COLORS.underline, result.path));
    const rows = result.diagnostics.map((diagnostic) => {
      const severity = severityName(diagnostic.severity);
      if (severity === 'info' || severity === 'hint') infos++;
      return {
        where: `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`,
        severity,
        message: diagnostic.message,
        code: diagnostic.code,
      };
    });
    const whereWidth = Math.max(...rows.map((row) => row.where.length));
    for (const row of rows) {
      lines.push(
        `  ${paint(COLORS.dim, row.where.padEnd(whereWidth))}  ${paint(COLORS[row.severity], row.severity.padEnd(7))}  ${row.message}  ${paint(COLORS.dim, row.code)}`,
      );
    }
    lines.push('');
  }
  const { errors, warnings } = summary(results);
  const total = errors + warnings + infos;
  if (total === 0) {
    lines.push(`No problems in ${results.length} file${results.length === 1 ? '' : 's'}.`);
  } else {
    const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
    if (infos) parts.push(`${infos} info`);
    lines.push(
      paint(
        errors ? COLORS.error : COLORS.warning,
        `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${results.length} file${results.length === 1 ? '' : 's'}`,
      ),
    );
  }
  return lines.join('\n');
}

const SARIF_LEVELS = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/** SARIF 2.1.0, as code-scanning services read it: every rule with its help link. */
export function formatSarif(results: FileResult[]): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'charters',
            version: packageVersion,
            informationUri: 'https://github.com/product-charters/product-charters',
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: ruleDocsUrl(rule.id),
              help: { text: `${rule.description} See ${ruleDocsUrl(rule.id)}` },
              defaultConfiguration: { level: SARIF_LEVELS[rule.defaultSeverity] },
            })),
          },
        },
        results: results.flatMap((result) =>
          result.diagnostics.map((diagnostic) => ({
            ruleId: diagnostic.code,
            ruleIndex: RULES.findIndex((rule) => rule.id === diagnostic.code),
            level: SARIF_LEVELS[severityName(diagnostic.severity)],
            message: { text: diagnostic.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: result.path.split('\\').join('/') },
                  region: {
                    startLine: diagnostic.range.start.line + 1,
                    startColumn: diagnostic.range.start.character + 1,
                    endLine: diagnostic.range.end.line + 1,
                    endColumn: diagnostic.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
