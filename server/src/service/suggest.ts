import { distance } from 'fastest-levenshtein';

/**
 * The candidate a user most likely meant: the closest by edit distance when it is close enough
 * to be a typo, else one that contains every word the user typed (`backlog` -> `prioritize-backlog`).
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const typed = foldAccents(word).toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let containing: string | undefined;
  const words = typed.split(/[^a-z0-9]+/).filter((part) => part.length >= 3);
  const tolerance = Math.max(2, Math.floor(typed.length / 3));
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    // a length difference over the tolerance can never be a typo: skip the edit distance
    if (Math.abs(lower.length - typed.length) <= tolerance) {
      const score = distance(typed, lower);
      if (score < bestDistance) {
        bestDistance = score;
        best = candidate;
      }
    }
    if (!containing && words.length > 0 && words.every((part) => lower.includes(part))) containing = candidate;
  }
  if (best !== undefined && bestDistance <= tolerance) return best;
  return containing;
}

/**
 * Letters that are not an accented form of a base letter, and what they are written as without it.
 * Everything else loses its accent (`ä` -> `a`, `é` -> `e`, `ñ` -> `n`): one rule for every language.
 */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
};

/** `Datenqualität` -> `Datenqualitat`, `Straße` -> `Strasse`: the text in plain Latin letters where it has them. */
export function foldAccents(text: string): string {
  return text
    .replace(/[ßẞæÆœŒøØłŁđĐðÐþÞı]/g, (letter) => LETTERS[letter])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** `My Role` -> `my-role`, `Datenqualität` -> `datenqualitat`: the id a title most likely wanted to be. */
export function toKebabCase(text: string): string {
  return foldAccents(text)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The candidates a typo away from `word`: one edit for words under five letters, two for longer
 * ones (a swapped pair of letters is two edits). A rename is safe only when exactly one is.
 */
export function withinTypo(word: string, candidates: Iterable<string>): string[] {
  const typed = word.toLowerCase();
  const reach = typed.length < 5 ? 1 : 2;
  return [...candidates].filter((candidate) => candidate.toLowerCase() !== typed && distance(typed, candidate.toLowerCase()) <= reach);
}
