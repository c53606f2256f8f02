import { distance } from 'fastest-levenshtein';
import { isScalar } from 'yaml';
import { nodeAt, nodeRange } from '../ast';
import { replacementFix } from '../edits';
import { isRecord } from '../schemas';
import type { Rule } from './rule';

/** Objective texts compare with case and spacing ignored. */
function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export const danglingInitiative: Rule = {
  id: 'dangling-initiative',
  description: "An initiative's `objective` matches no objective of its strategy.",
  defaultSeverity: 'warning',
  fixable: true,
  messages: {
    suggestion: 'No objective of this strategy reads "{objective}", so nobody can tell which goal this initiative serves. Did you mean "{suggestion}"?',
    unknown:
      'No objective of this strategy reads "{objective}", so nobody can tell which goal this initiative serves: copy the objective\'s text exactly, or add the objective if the initiative serves a new one.',
  },
  check(context) {
    const { parsed, kind } = context;
    if (kind !== 'strategy' || !isRecord(parsed.value) || !Array.isArray(parsed.value.initiatives)) return;
    const objectives = (Array.isArray(parsed.value.objectives) ? parsed.value.objectives : [])
      .map((entry) => (isRecord(entry) && typeof entry.objective === 'string' ? entry.objective : undefined))
      .filter((text): text is string => text !== undefined && text.trim() !== '');
    const known = new Set(objectives.map(normalise));
    parsed.value.initiatives.forEach((initiative, index) => {
      if (!isRecord(initiative) || typeof initiative.objective !== 'string' || initiative.objective.trim() === '') return;
      const objective = initiative.objective;
      if (known.has(normalise(objective))) return;
      const node = nodeAt(parsed.yaml, ['initiatives', index, 'objective']);
      const range = isScalar(node) ? nodeRange(parsed.textDocument, node) : undefined;
      if (!range) return;
      const suggestion = nearestObjective(objective, objectives);
      context.report({
        range,
        messageId: suggestion ? 'suggestion' : 'unknown',
        data: { objective, suggestion: suggestion ?? '' },
        // choosing another objective changes what the document says: a suggestion, never applied by fix-all
        fixes: replacementFix(parsed, node, suggestion).map((fix) => ({ ...fix, isPreferred: false })),
      });
    });
  },
};

/**
 * The objective the initiative most likely meant, when one stands out: the closest within a typo's
 * distance (a sixth of the text) when no other is as close; else the only objective whose words
 * all appear in the text, or that holds all the text's words (a shortened or lengthened copy).
 */
function nearestObjective(text: string, objectives: string[]): string | undefined {
  const typed = normalise(text);
  const tolerance = Math.max(2, Math.floor(typed.length / 6));
  const close = objectives
    .map((objective) => ({ objective, score: distance(typed, normalise(objective)) }))
    .filter(({ score }) => score <= tolerance)
    .sort((a, b) => a.score - b.score);
  if (close.length > 0) return close.length === 1 || close[1].score > close[0].score ? close[0].objective : undefined;
  const typedWords = words(typed);
  const holding = objectives.filter((objective) => {
    const objectiveWords = words(normalise(objective));
    return isSubset(typedWords, objectiveWords) || isSubset(objectiveWords, typedWords);
  });
  return holding.length === 1 ? holding[0] : undefined;
}

function words(text: string): Set<string> {
  return new Set(text.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

function isSubset(part: Set<string>, whole: Set<string>): boolean {
  return part.size > 0 && [...part].every((word) => whole.has(word));
}
