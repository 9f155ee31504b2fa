/**
 * Quick search by any part of any name (seed 3: "will find any part of any pupil name"). A query is
 * normalised like the names; its longest piece drives one Query of the name-token directory (every
 * word of every name is filed under itself, under each half of a hyphenated or apostrophised word and
 * without its apostrophes), and the other words are then checked against the item's searchName, with
 * no second read.
 */
import { normaliseName, tokensOfWord } from './pupil';

const MAX_WORDS = 6;
const PIECE_BOUNDARY = /['-]/;

export interface NameQueryPlan {
  /** The normalised query words, each to be found at the start of a name or of a part of one. */
  readonly words: string[];
  /** What the directory Query asks for with begins_with: the longest piece of any word. */
  readonly prefix: string;
}

/** Undefined when the query has no letter or digit to search by. */
export function planNameQuery(query: string): NameQueryPlan | undefined {
  const words = normaliseName(query)
    .split(' ')
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_WORDS);
  const pieces = words.flatMap((word) => word.split(PIECE_BOUNDARY)).filter(Boolean);
  const prefix = pieces.reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '');
  return prefix === '' ? undefined : { words, prefix };
}

/** A word as written, and without apostrophes ("o'brien" is also "obrien"). */
function formsOf(word: string): string[] {
  const bare = word.replace(/'/g, '');
  return bare === word || bare === '' ? [word] : [word, bare];
}

/** Where a query word may start inside a name word: its beginning, or just after a hyphen or apostrophe. */
function wordMatches(nameWord: string, queryWord: string): boolean {
  for (const name of formsOf(nameWord)) {
    for (const query of formsOf(queryWord)) {
      for (let start = 0; start < name.length; start += 1) {
        const atBoundary = start === 0 || PIECE_BOUNDARY.test(name[start - 1] ?? '');
        if (atBoundary && name.startsWith(query, start)) return true;
      }
    }
  }
  return false;
}

/** Every query word is found in some word of the pupil's names. */
export function matchesAllWords(searchName: string, words: readonly string[]): boolean {
  const nameWords = searchName.split(' ');
  return words.every((queryWord) => nameWords.some((nameWord) => wordMatches(nameWord, queryWord)));
}

/** The name parts a pupil is filed under, from their searchName (the same parts nameTokens gives). */
export function tokensOfSearchName(searchName: string): string[] {
  const tokens = new Set<string>();
  for (const word of searchName.split(' '))
    if (word) for (const token of tokensOfWord(word)) tokens.add(token);
  return [...tokens].sort();
}

/**
 * A pupil with several parts starting with the prefix ("ann" for Ann and Annabel) has several items
 * in the Query's range. Only the first of them counts, so a pupil is listed once even when those items
 * fall on different pages.
 */
export function isFirstFiling(filedUnder: string, searchName: string, prefix: string): boolean {
  return tokensOfSearchName(searchName).find((token) => token.startsWith(prefix)) === filedUnder;
}
