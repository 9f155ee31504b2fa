/** Name normalisation, the name parts pupils are filed under, and how a quick search query matches. */
import {
  isFirstFiling,
  matchesAllWords,
  planNameQuery,
  tokensOfSearchName,
} from '../../../lib/pupils/name-search';
import {
  displayNameOf,
  nameTokens,
  normaliseName,
  sortNameOf,
  type PupilDetails,
} from '../../../lib/pupils/pupil';
import { searchNameOf } from '../../../lib/pupils/pupil-items';

const zoe: PupilDetails = {
  legalForename: 'Zoë',
  middleNames: 'Anne-Marie',
  legalSurname: 'O’Brien-Smith',
  preferredForename: 'Zo',
  dateOfBirth: '2014-03-02',
  gender: 'F',
};

it('normalises case, accents, curly apostrophes and stray punctuation', () => {
  expect(normaliseName('  ZOË  O’Brien-Smith, Jr. ')).toBe("zoe o'brien-smith jr");
  expect(normaliseName('Łukasz Nowak, Søren Æbelø')).toBe('lukasz nowak soren aebelo');
  expect(normaliseName('Siân Ní Dhuibhir')).toBe('sian ni dhuibhir');
});

it('files a pupil under every word of every name and each part of a hyphenated or apostrophised word', () => {
  expect(nameTokens(zoe)).toEqual([
    'anne',
    'anne-marie',
    'brien',
    'marie',
    'o',
    "o'brien-smith",
    'obrien',
    'obrien-smith',
    'smith',
    'zo',
    'zoe',
  ]);
  expect(tokensOfSearchName(searchNameOf(zoe))).toEqual(nameTokens(zoe));
  expect(displayNameOf(zoe)).toBe('Zo O’Brien-Smith');
  expect(sortNameOf(zoe)).toBe("o'brien-smith, zo");
});

it('drives the Query with the longest piece and checks every word', () => {
  expect(planNameQuery('Zoe OBRIEN')).toEqual({ words: ['zoe', 'obrien'], prefix: 'obrien' });
  expect(planNameQuery("o'brien-sm")).toEqual({ words: ["o'brien-sm"], prefix: 'brien' });
  expect(planNameQuery(' -- ')).toBeUndefined();
  const searchName = searchNameOf(zoe);
  expect(matchesAllWords(searchName, ['zoe', 'smi'])).toBe(true);
  expect(matchesAllWords(searchName, ['brien-smith'])).toBe(true);
  // Typed without the apostrophe, or with one where the name has none.
  expect(matchesAllWords(searchName, ['obrien'])).toBe(true);
  expect(planNameQuery('OBrien')).toEqual({ words: ['obrien'], prefix: 'obrien' });
  expect(matchesAllWords(searchName, ["zo'e"])).toBe(true);
  expect(matchesAllWords(searchName, ['marie', 'zo'])).toBe(true);
  expect(matchesAllWords(searchName, ['zoe', 'jones'])).toBe(false);
  // Inside a word but not at a boundary is not a match ("rien" is not the start of any part).
  expect(matchesAllWords(searchName, ['rien'])).toBe(false);
});

it('counts a pupil once: only under the first of their parts that starts with the prefix', () => {
  const searchName = searchNameOf(zoe);
  expect(isFirstFiling('anne', searchName, 'ann')).toBe(true);
  expect(isFirstFiling('anne-marie', searchName, 'ann')).toBe(false);
  expect(isFirstFiling('zo', searchName, 'zo')).toBe(true);
  expect(isFirstFiling('zoe', searchName, 'zo')).toBe(false);
});
