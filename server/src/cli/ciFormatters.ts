// The formats a CI job reads: GitHub workflow annotations, JUnit XML and a Markdown summary.
// All three show 1-based positions and name each file relative to the current folder, with
// forward slashes, so that the same run gives the same text on every machine.
import * as path from 'node:path';
import { ruleDocsUrl, severityName, type ChartersDiagnostic } from '../service';
import { summary, type FileResult } from './formatters';

type Severity = ReturnType<typeof severityName>;

/** `path` as given on the command line, relative to `cwd`, with forward slashes. */
export function ciPath(shown: string, cwd: string): string {
  return path.relative(cwd, path.resolve(cwd, shown)).split(path.sep).join('/');
}

interface Finding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

function findingOf(diagnostic: ChartersDiagnostic): Finding {
  return {
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: severityName(diagnostic.severity),
    rule: String(diagnostic.code),
    message: diagnostic.message,
  };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "2 errors, 1 warning and 3 info in 7 files", or "No problems in 7 files". */
function totals(results: FileResult[]): string {
  const { errors, warnings } = summary(results);
  const infos = results.reduce((sum, result) => sum + result.diagnostics.length, 0) - errors - warnings;
  const files = plural(results.length, 'file');
  if (errors + warnings + infos === 0) return `No problems in ${files}.`;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos) parts.push(`${infos} info`);
  return `${parts.join(', ')} in ${files}.`;
}

// GitHub workflow commands. The escapes are those of the runner's own toolkit, @actions/core
// (lib/command.js, escapeData and escapeProperty), which the workflow-commands reference
// (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions) relies on:
// in the message, % → %25, CR → %0D, LF → %0A; in a property value the same, and also : → %3A and
// , → %2C, since `,` separates properties and `::` ends them.
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const ANNOTATION_COMMANDS = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

/**
 * One annotation per finding (`::error`, `::warning`, or `::notice` for info and hints), then a
 * plain line of totals, which the runner shows in the log as it is.
 */
export function formatGithub(results: FileResult[], cwd: string): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = ciPath(result.path, cwd);
    for (const finding of result.diagnostics.map(findingOf)) {
      const properties = [
        ['file', file],
        ['line', finding.line],
        ['col', finding.column],
        ['endLine', finding.endLine],
        ['endColumn', finding.endColumn],
        ['title', finding.rule],
      ]
        .map(([name, value]) => `${name}=${escapeWorkflowProperty(String(value))}`)
        .join(',');
      lines.push(`::${ANNOTATION_COMMANDS[finding.severity]} ${properties}::${escapeWorkflowData(finding.message)}`);
    }
  }
  lines.push(totals(results));
  return lines.join('\n');
}

/**
 * Text for XML element content, or for an attribute value when `attribute` is set; characters
 * XML 1.0 cannot hold at all are dropped.
 */
export function escapeXml(text: string, attribute = false): string {
  const escaped = text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  if (!attribute) return escaped;
  // a parser turns a tab or line break in an attribute value into a space unless it is a reference
  return escaped.replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/**
 * JUnit XML: one test suite, one test case per checked file. Each error is a `<failure>` of its
 * own (type = the rule), so a file with errors fails; warnings, info and hints do not fail the
 * case (as they do not fail the exit code) and are listed in its `<system-out>`, one per line.
 * `failures` counts the failed test cases.
 */
export function formatJunit(results: FileResult[], cwd: string): string {
  const cases: string[] = [];
  let failed = 0;
  for (const result of results) {
    const file = escapeXml(ciPath(result.path, cwd), true);
    const findings = result.diagnostics.map(findingOf);
    const errors = findings.filter((finding) => finding.severity === 'error');
    const others = findings.filter((finding) => finding.severity !== 'error');
    if (errors.length) failed++;
    const where = (finding: Finding) => `${ciPath(result.path, cwd)}:${finding.line}:${finding.column}`;
    if (findings.length === 0) {
      cases.push(`    <testcase classname="charters" name="${file}" file="${file}"/>`);
      continue;
    }
    cases.push(`    <testcase classname="charters" name="${file}" file="${file}">`);
    for (const error of errors) {
      cases.push(
        `      <failure type="${escapeXml(error.rule, true)}" message="${escapeXml(error.message, true)}">${escapeXml(`${where(error)} ${error.rule}: ${error.message}`)}</failure>`,
      );
    }
    if (others.length) {
      const text = others.map((finding) => `${where(finding)} ${finding.severity} ${finding.rule}: ${finding.message}`).join('\n');
      cases.push(`      <system-out>${escapeXml(text)}</system-out>`);
    }
    cases.push('    </testcase>');
  }
  const counts = `tests="${results.length}" failures="${failed}" errors="0" skipped="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="charters" ${counts}>`,
    `  <testsuite name="charters lint" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}

/** Text for a cell of a Markdown table: no pipe ends the cell, no newline ends the row, no HTML. */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, '<br>');
}

/** Code span for a path, however many backticks it holds. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/**
 * A summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a heading, the totals, then a
 * table per file with findings (line, severity, the rule linked to its page, message).
 */
export function formatMarkdown(results: FileResult[], cwd: string): string {
  const lines = ['## Product Charters', '', totals(results)];
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    lines.push('', `### ${codeSpan(ciPath(result.path, cwd))}`, '', '| Line | Severity | Rule | Message |', '| ---: | --- | --- | --- |');
    for (const finding of result.diagnostics.map(findingOf)) {
      lines.push(
        `| ${finding.line} | ${finding.severity} | [${escapeMarkdownCell(finding.rule)}](${ruleDocsUrl(finding.rule)}) | ${escapeMarkdownCell(finding.message)} |`,
      );
    }
  }
  return lines.join('\n');
}
