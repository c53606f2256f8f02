// `charters diff` output: Markdown for a pull-request comment or a job summary, and JSON.
import { type ChangeReport, type DocumentChanges, type FindingChange, documentTitle, kindHeading, ruleDocsUrl } from '../service';
import { codeSpan } from './ciFormatters';
import type { Revision } from './revisions';

/**
 * Document text in a Markdown line: no HTML, no emphasis or code, and no link: a `]` that a `(`
 * follows is escaped, and a `[` at the start (a task box, a link definition); the ids in brackets
 * stay readable as they are (a reference link needs a definition, and the output has none).
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_#|~])/g, '\\$1')
    .replace(/\](?=\()/g, '\\]')
    .replace(/^\[/, '\\[');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 documents changed, 1 added, 1 renamed or moved; 2 new findings (1 error, 1 warning), 1 fixed.` */
export function changeSummary(report: ChangeReport): string {
  const { summary } = report;
  const documents = [
    summary.modified && `${summary.modified} changed`,
    summary.added && `${summary.added} added`,
    summary.removed && `${summary.removed} removed`,
    summary.renamed && `${summary.renamed} renamed or moved`,
    summary.unreadable && `${summary.unreadable} could not be read`,
  ].filter(Boolean);
  const severities = (['error', 'warning', 'info', 'hint'] as const).filter((severity) => summary.findingsAdded[severity] > 0);
  const added = severities.reduce((total, severity) => total + summary.findingsAdded[severity], 0);
  if (!documents.length && !added && !summary.findingsFixed) return 'No changes to product documents.';
  const total = summary.modified + summary.added + summary.removed + summary.renamed + summary.unreadable;
  const said = documents.length ? `${total === 1 ? '1 document' : `${total} documents`}: ${documents.join(', ')}` : 'No document says anything new';
  const details = added ? ` (${severities.map((severity) => `${summary.findingsAdded[severity]} ${severity}`).join(', ')})` : '';
  return `${said}; ${added ? `${plural(added, 'new finding')}${details}` : 'no new findings'}, ${summary.findingsFixed || 'none'} fixed.`;
}

/**
 * One heading, the one-line summary, then a section per kind of document with one bullet per
 * change ("Senior PM [senior-pm] gains responsibility …"), the findings HEAD adds and fixes, and
 * the documents that could not be read.
 */
export function formatChangesMarkdown(report: ChangeReport, base: Revision, head: Revision): string {
  const lines = [`## Product documents: ${revisionName(base)} → ${revisionName(head)}`, '', `**${changeSummary(report)}**`];
  let kind: string | undefined;
  for (const doc of report.documents) {
    const bullets = documentLines(doc);
    if (!bullets.length) continue;
    if (doc.kind !== kind) {
      kind = doc.kind;
      lines.push('', `### ${kindHeading(doc.kind)}`, '');
    }
    lines.push(...bullets.map((line) => `- ${line}`));
  }
  const findings = (pick: (item: { findingsAdded: FindingChange[]; findingsFixed: FindingChange[] }) => FindingChange[]) => [
    ...report.documents.flatMap((doc) => pick(doc).map((finding) => findingLine(finding, doc.path, escapeMarkdownText(documentTitle(doc))))),
    ...report.unreadable.flatMap((doc) => pick(doc).map((finding) => findingLine(finding, doc.path))),
  ];
  const added = findings((item) => item.findingsAdded);
  const fixed = findings((item) => item.findingsFixed);
  if (added.length) lines.push('', `### New findings at ${revisionName(head)}`, '', ...added);
  if (fixed.length) lines.push('', '### Findings fixed', '', ...fixed);
  if (report.unreadable.length) {
    lines.push('', '### Could not be read', '');
    for (const doc of report.unreadable) {
      const sides = (['base', 'head'] as const).flatMap((side) =>
        doc.reasons[side] ? [`at ${revisionName(side === 'base' ? base : head)}: ${escapeMarkdownText(doc.reasons[side]!)}`] : [],
      );
      lines.push(`- ${codeSpan(doc.path)} could not be read ${sides.join('; ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A revision as typed, in code (`HEAD~1`, `main`); the working tree in words. */
function revisionName(revision: Revision): string {
  return revision.commit ? codeSpan(revision.name) : revision.name;
}

function documentLines(doc: DocumentChanges): string[] {
  const name = escapeMarkdownText(documentTitle(doc));
  const lines: string[] = [];
  if (doc.status === 'added') lines.push(`${name} is added (${codeSpan(doc.path)})`);
  if (doc.status === 'removed') lines.push(`${name} is removed (${codeSpan(doc.path)})`);
  if (doc.status === 'renamed') lines.push(`${name} moves from ${codeSpan(doc.previousPath!)} to ${codeSpan(doc.path)}`);
  for (const change of doc.changes) lines.push(`${name} ${escapeMarkdownText(change.text)}`);
  return lines;
}

const SEVERITY_MARKS: Record<FindingChange['severity'], string> = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ info', hint: 'hint' };

function findingLine(finding: FindingChange, path: string, name?: string): string {
  const where = codeSpan(`${path}:${finding.line + 1}`);
  return `- ${SEVERITY_MARKS[finding.severity]} [${finding.code}](${ruleDocsUrl(finding.code)}) ${name ? `${name} ` : ''}(${where}): ${escapeMarkdownText(finding.message)}`;
}

/** The report as one JSON object (documented in docs/diff.md); lines 0-based as in every machine-readable output. */
export function formatChangesJson(report: ChangeReport, base: Revision, head: Revision): string {
  return JSON.stringify(
    {
      base: { revision: base.name, commit: base.commit ?? null },
      head: { revision: head.name, commit: head.commit ?? null },
      summary: report.summary,
      documents: report.documents,
      unreadable: report.unreadable,
    },
    null,
    2,
  );
}
