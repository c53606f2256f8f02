import { fieldRange } from '../ast';
import { measuredEntries } from './measuredEntries';
import type { Rule } from './rule';

/**
 * Verbs of delivery: a metric that starts with one names work to do, not a result to reach. Not
 * when the word names a thing measured (`Release notes rated clear`, `Build time`).
 */
const OUTPUT_VERB =
  /^\s*(ship|launch|release|build|deliver|complete|implement|migrate|roll[ -]?out)\b(?!-|\s+(?:notes|times?|success|failures?|quality|duration|rate)\b)/i;

/** The team's own units of work, and the words that say one was finished. */
const WORK_ITEM =
  '(?:features?|improvements?|enhancements?|releases?|stories|story|story points?|tickets?|epics?|tasks?|projects?|initiatives?|milestones?|deliverables?|experiments?|roadmap items?)';
const FINISHED = '(?:shipped|launched|released|built|delivered|completed|implemented|migrated|rolled[ -]?out|done|finished|closed)';
/** "Features shipped", "12 features the team shipped", "Completed projects": a count of finished work. */
const WORK_COUNT = new RegExp(
  `\\b${WORK_ITEM}(?:\\s+[\\p{L}\\p{N}'-]+){0,2}?\\s+${FINISHED}\\b|\\b${FINISHED}(?:\\s+[\\p{L}\\p{N}'-]+){0,1}?\\s+${WORK_ITEM}\\b`,
  'iu',
);

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const YEAR = "(?:'?\\d{2}|\\d{4})";
const DATE = [
  '\\d{4}-\\d{2}(?:-\\d{2})?', // 2027-06-30, 2027-06
  '\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}', // 30.06.2027, 6/30/27
  `(?:q[1-4]|h[12])(?:[\\s/-]*(?:fy)?${YEAR})?`, // Q3, Q3 2027, H1/27, Q3 FY27
  '\\d{4}[\\s-]*(?:q[1-4]|h[12])', // 2027-Q3, 2027 H1
  `fy\\s*${YEAR}(?:[\\s-]*(?:q[1-4]|h[12]))?`, // FY27, FY2027 Q1
  `(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?${MONTH}\\.?(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?,?(?:\\s+\\d{4})?`, // June, 30 June 2027, June 30, 2027
  '(?:(?:this|next|the)\\s+)?(?:year|half|quarter|month|sprint)', // (by the end of) the year, this quarter
].join('|');
/** A year alone is a date only after a word such as "by" or "done": `2027` on its own could be a count. */
const WHEN = `(?:${DATE}|(?:19|20)\\d{2})`;
const BY = '(?:by|before|in|on|until|till|due|for|(?:by\\s+)?(?:the\\s+)?(?:end|start|middle|beginning)\\s+of)';
const DONE = '(?:done|shipped|launched|live|released|delivered|complete|completed|implemented|migrated|rolled[ -]?out|finished)';
/**
 * A target that only says when work is finished: a date (`2027-06-30`, `Q3 2027`, `by June`), a
 * word for finished (`done`, `shipped`, `launched`, `live`), or both (`done by Q3 2027`).
 */
const DONE_TARGET = new RegExp(`^(?:(?:100 ?% ?)?${DONE}(?: (?:${BY} )?${WHEN})?|(?:${DATE})|${BY} ${WHEN})\\.?$`, 'i');

/** Why a metric counts output: it starts with a delivery verb, or it counts finished work. */
export function countsOutput(metric: string): { verb: string } | 'work' | undefined {
  const verb = OUTPUT_VERB.exec(metric);
  if (verb) return { verb: verb[1].toLowerCase().replace(/^roll[ -]?out$/, 'roll out') };
  return WORK_COUNT.test(metric) ? 'work' : undefined;
}

export function isDoneTarget(target: string): boolean {
  return DONE_TARGET.test(target.trim().replace(/\s+/g, ' '));
}

const EXAMPLE = 'trial-to-paid conversion from 18% to 25%';

export const outputKeyResult: Rule = {
  id: 'output-key-result',
  description: 'A key result, goal or success metric that counts output (work shipped, a date, "done"), not an outcome.',
  defaultSeverity: 'warning',
  fixable: false,
  messages: {
    verb: `This {noun} counts output, not outcome: "{metric}" is work to {verb}, not a change for customers or the business. Measure that change instead, e.g. "${EXAMPLE}".`,
    work: `This {noun} counts output, not outcome: {quoted} counts finished work, not what it changed for customers or the business. Measure that change instead, e.g. "${EXAMPLE}".`,
    doneTarget: `This {noun} counts output, not outcome: the target "{target}" only says when the work is finished. Set a number to reach on a result for customers or the business instead, e.g. "${EXAMPLE}".`,
  },
  check(context) {
    const { parsed, kind } = context;
    for (const { path, entry, metricKey, noun } of measuredEntries(kind, parsed.value)) {
      const metric = typeof entry[metricKey] === 'string' ? (entry[metricKey] as string) : undefined;
      const target = typeof entry.target === 'string' ? entry.target : undefined;
      const range = fieldRange(parsed, [...path, metricKey]);
      if (!range) continue;
      const why = metric === undefined ? undefined : countsOutput(metric);
      if (typeof why === 'object') context.report({ range, messageId: 'verb', data: { noun, metric: metric!, verb: why.verb } });
      else if (why === 'work') context.report({ range, messageId: 'work', data: { noun, quoted: `"${metric}"` } });
      else if (target !== undefined && isDoneTarget(target)) context.report({ range, messageId: 'doneTarget', data: { noun, target } });
      // "12 features shipped" may also be written as the target of a metric such as "Delivery"
      else if (target !== undefined && WORK_COUNT.test(target)) context.report({ range, messageId: 'work', data: { noun, quoted: `the target "${target}"` } });
    }
  },
};
