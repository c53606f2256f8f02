import { parseDocument } from 'yaml';
import { applyEdits } from '../edits';
import { DISABLE_DIRECTIVE, MAX_ALIAS_COUNT, YAML_OPTIONS, type DirectiveComment, type DirectiveToken, type ParsedDocument, type Silence } from '../parse';
import { nearest } from '../suggest';
import type { Fix, Range, TextEdit } from '../types';
import type { Finding, Report, Rule } from './rule';

/**
 * Runs after every other rule (rules/index.ts, LAST_RULES) on their findings as they were before
 * disable comments applied. A comment naming disable-directive silences the findings about the
 * other comments on its lines; when it silences none of those, it is reported itself. While the
 * YAML is broken, or the kind unknown, not every rule could look at the document: what a comment
 * silences is then unknown, so only tokens that are not rule ids are reported, and no fix removes
 * a comment (that would also change how the parser recovers from the error).
 */
export const disableDirective: Rule = {
  id: DISABLE_DIRECTIVE,
  description: 'A disable comment names a token that is not a rule id, or silences nothing.',
  defaultSeverity: 'warning',
  fixable: true,
  messages: {
    unknown: '"{token}" is not a rule id, so this comment {effect}.',
    unknownSuggestion: '"{token}" is not a rule id, so this comment {effect}. Did you mean "{suggestion}"?',
    unused: 'This comment silences nothing: no {rules}finding {where}.',
    unusedRule: '{rule} is named here but has no finding to silence {where}.',
    enablesNothing: 'This comment enables nothing: no charters-disable comment above it disables {rules}.',
    enableRule: '{rule} is named here but no charters-disable comment above it disables it.',
  },
  check(context) {
    const { parsed, findings = [], ruleIds = new Set<string>() } = context;
    const { comments, silences } = parsed.directives;
    if (comments.length === 0) return;
    // whether a comment silences nothing can only be known when every rule could run
    const checked = parsed.yaml.errors.length === 0 && !parsed.tooManyAliases && parsed.kind !== undefined && context.everyRuleRan !== false;
    const used = new Set(silences.filter((silence) => findings.some((finding) => covers(silence, finding))));
    // first as if every comment naming disable-directive were used: what they could silence
    const first = comments.flatMap((_comment, index) =>
      problems(parsed, index, ruleIds, findings, checked, (silence) => silence.rule === DISABLE_DIRECTIVE || used.has(silence)),
    );
    const silencers = silences.filter((silence) => silence.rule === DISABLE_DIRECTIVE);
    for (const silence of silencers) {
      if (first.some((report) => covers(silence, { rule: DISABLE_DIRECTIVE, line: report.range.start.line }))) used.add(silence);
    }
    const silencing = silencers.filter((silence) => used.has(silence));
    comments
      .flatMap((_comment, index) => problems(parsed, index, ruleIds, findings, checked, (silence) => used.has(silence)))
      .filter((report) => !silencing.some((silence) => covers(silence, { rule: DISABLE_DIRECTIVE, line: report.range.start.line })))
      .forEach((report) => context.report(report));
  },
};

function covers(silence: Silence, finding: Finding): boolean {
  if (finding.line < silence.from || finding.line > silence.to) return false;
  return silence.rule === finding.rule || (silence.rule === null && finding.rule !== DISABLE_DIRECTIVE);
}

/** What is wrong with comment `index`: tokens that are not rule ids, rules it silences (or enables) to no effect. */
function problems(
  parsed: ParsedDocument,
  index: number,
  ruleIds: ReadonlySet<string>,
  findings: readonly Finding[],
  checked: boolean,
  isUsed: (silence: Silence) => boolean,
): Report[] {
  const { comments, silences } = parsed.directives;
  const comment = comments[index];
  const enable = comment.form === 'enable';
  const own = silences.filter((silence) => (enable ? silence.closedBy : silence.comment) === index);
  const valid = [...new Set(comment.tokens.filter((token) => ruleIds.has(token.text)).map((token) => token.text))];
  const rules: (string | null)[] = comment.tokens.length ? valid : [null];
  const ok = (rule: string | null) =>
    enable ? own.some((silence) => rule === null || silence.rule === rule) : own.some((silence) => silence.rule === rule && isUsed(silence));
  const idle = checked ? rules.filter((rule) => !ok(rule)) : [];
  const where = placeOf(comment, own[0]);
  const reports: Report[] = [];
  const removeComment = (): Fix => ({ title: 'Remove this disable comment', edits: checked ? removal(parsed, index) : [], safety: 'safe', isPreferred: true });
  if (rules.length > 0 && idle.length === rules.length) {
    const named = idle.filter((rule): rule is string => rule !== null);
    reports.push({
      range: commentRange(comment),
      messageId: enable ? 'enablesNothing' : 'unused',
      data: enable ? { rules: named.length ? named.join(' or ') : 'any rule' } : { rules: named.length ? `${named.join(' or ')} ` : '', where },
      fixes: [removeComment()].filter((fix) => fix.edits.length),
    });
  } else {
    for (const rule of idle as string[]) {
      const token = comment.tokens.find((candidate) => candidate.text === rule)!;
      reports.push({
        range: tokenRange(comment, token),
        messageId: enable ? 'enableRule' : 'unusedRule',
        data: { rule, where },
        fixes: [
          {
            title: `Remove ${rule} from this comment`,
            edits: [rewriteTokens(parsed, comment, (other) => other.text !== rule)],
            safety: 'safe',
            isPreferred: true,
          },
        ],
      });
    }
  }
  for (const token of comment.tokens.filter((candidate) => !ruleIds.has(candidate.text))) {
    const suggestion = nearest(token.text, ruleIds);
    const fixes: Fix[] = valid.length
      ? [
          {
            title: `Remove "${token.text}" from this comment`,
            edits: [rewriteTokens(parsed, comment, (other) => other !== token)],
            safety: 'safe',
            isPreferred: true,
          },
        ]
      : [removeComment()].filter((fix) => fix.edits.length);
    // a suggestion, offered only where the rule it names has a finding to silence
    const span = own.find((silence) => silence.rule === token.text);
    if (suggestion && !enable && span && !valid.includes(suggestion) && findings.some((finding) => covers({ ...span, rule: suggestion }, finding))) {
      fixes.push({ title: `Change to "${suggestion}"`, edits: [{ range: tokenRange(comment, token), newText: suggestion }], safety: 'suggestion' });
    }
    reports.push({
      range: tokenRange(comment, token),
      messageId: suggestion ? 'unknownSuggestion' : 'unknown',
      data: { token: token.text, suggestion: suggestion ?? '', effect: `${enable ? 'enables' : 'silences'} nothing${valid.length ? ' for it' : ''}` },
      fixes,
    });
  }
  return reports;
}

function placeOf(comment: DirectiveComment, silence: Silence | undefined): string {
  switch (comment.form) {
    case 'disable-next-line':
      return 'on the next line';
    case 'disable-file':
      return 'in this file';
    default:
      return silence?.closedBy !== undefined ? 'between it and its charters-enable comment' : 'between it and the end of the file';
  }
}

function commentRange(comment: DirectiveComment): Range {
  return { start: { line: comment.line, character: comment.start }, end: { line: comment.line, character: comment.end } };
}

function tokenRange(comment: DirectiveComment, token: DirectiveToken): Range {
  return { start: { line: comment.line, character: token.start }, end: { line: comment.line, character: token.end } };
}

/** The comment's tokens, only those kept, with the separator the comment uses. Callers always keep one. */
function rewriteTokens(parsed: ParsedDocument, comment: DirectiveComment, keep: (token: DirectiveToken) => boolean): TextEdit {
  const { tokens, line } = comment;
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  const between = tokens.length > 1 ? parsed.textDocument.getText({ start: { line, character: first.end }, end: { line, character: tokens[1].start } }) : ' ';
  return {
    range: { start: { line, character: first.start }, end: { line, character: last.end } },
    newText: tokens
      .filter(keep)
      .map((token) => token.text)
      .join(between.includes(',') ? ', ' : ' '),
  };
}

/**
 * Edits that remove comment `index`: its whole line when it stands alone, else only the comment
 * (and the blanks before it); for a range that silences nothing, also the enable comments that
 * close only it. None when removing a line would change a value (after a keep-chomped `|+`
 * block scalar, blank lines and comment lines decide how many line breaks it keeps).
 */
function removal(parsed: ParsedDocument, index: number): TextEdit[] {
  const { comments, silences } = parsed.directives;
  const closing = new Set<number>();
  if (comments[index].form === 'disable') {
    for (const silence of silences) {
      if (silence.comment !== index || silence.closedBy === undefined) continue;
      const closes = silences.filter((other) => other.closedBy === silence.closedBy);
      if (closes.every((other) => other.comment === index)) closing.add(silence.closedBy);
    }
  }
  const edits = [index, ...closing].map((at) => removeOne(parsed, comments[at]));
  if (/[|>](?:[1-9]?\+|\+[1-9])/.test(parsed.textDocument.getText()) && !keepsValue(parsed, edits)) return [];
  return edits;
}

function removeOne(parsed: ParsedDocument, comment: DirectiveComment): TextEdit {
  const textDocument = parsed.textDocument;
  const { line } = comment;
  if (comment.trailing) {
    const before = textDocument.getText({ start: { line, character: 0 }, end: { line, character: comment.start } });
    const code = before.replace(/[ \t]+$/, '').length;
    return { range: { start: { line, character: code }, end: { line, character: comment.end } }, newText: '' };
  }
  if (line + 1 < textDocument.lineCount) return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
  if (line === 0) return { range: { start: { line, character: 0 }, end: { line, character: comment.end } }, newText: '' };
  // the last line: take the line break before it
  const previous = textDocument.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }).replace(/\r?\n$/, '');
  return { range: { start: { line: line - 1, character: previous.length }, end: { line, character: comment.end } }, newText: '' };
}

function keepsValue(parsed: ParsedDocument, edits: TextEdit[]): boolean {
  if (parsed.value === undefined) return false;
  try {
    const after = parseDocument(applyEdits(parsed.textDocument, edits), YAML_OPTIONS).toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return JSON.stringify(after) === JSON.stringify(parsed.value);
  } catch {
    return false;
  }
}
