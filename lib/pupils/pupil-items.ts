/**
 * The stored items of one pupil: the profile and the index items that find it (one PupilNameToken
 * per name part in the ACTIVE or ARCHIVED directory, one ClassMember per class). Index items carry
 * the pupil summary and the normalised full names, so a search or a class register is one Query.
 */
import { z } from 'zod';
import { matchItemsOf } from '../transfers/pupil-match';
import { pupilKeys, type PupilDirectoryStatus, type TableKey } from '../data/keys';
import {
  PupilSchema,
  PupilSummarySchema,
  nameTokens,
  normaliseName,
  summaryOf,
  type Pupil,
  type PupilDetails,
  type PupilSummary,
} from './pupil';

/** What a PupilNameToken or ClassMember item holds besides its keys. */
export const PupilIndexEntrySchema = PupilSummarySchema.extend({
  /** Every normalised word of the legal and preferred names: multi-word queries are checked against it. */
  searchName: z.string(),
}).strip();

export type PupilIndexEntry = z.output<typeof PupilIndexEntrySchema>;

export type StoredItem = Record<string, unknown> & TableKey;

/** The normalised words of the legal and preferred names, each once, in name order. */
export function searchNameOf(details: PupilDetails): string {
  const names = [
    details.legalForename,
    details.preferredForename,
    details.middleNames,
    details.legalSurname,
    details.preferredSurname,
  ];
  const words = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const word of normaliseName(name).split(' ')) if (word) words.add(word);
  }
  return [...words].join(' ');
}

export function directoryStatusOf(pupil: Pick<Pupil, 'archived'>): PupilDirectoryStatus {
  return pupil.archived ? 'ARCHIVED' : 'ACTIVE';
}

function indexEntryOf(pupil: Pupil): PupilIndexEntry {
  const summary: PupilSummary = summaryOf(pupil);
  return { ...summary, searchName: searchNameOf(pupil) };
}

export function profileItem(pupil: Pupil): StoredItem {
  return {
    ...pupilKeys.profile(pupil.schoolId, pupil.pupilId),
    itemType: 'Pupil',
    ...PupilSchema.parse(pupil),
  };
}

/** The items that find this pupil (name tokens, class registers, transfer matches), keyed by "PK SK" for comparing. */
export function indexItems(pupil: Pupil): Map<string, StoredItem> {
  const entry = indexEntryOf(pupil);
  const items = new Map<string, StoredItem>();
  const add = (item: StoredItem) => items.set(`${item.PK} ${item.SK}`, item);
  const directory = pupilKeys.nameTokenPartition(pupil.schoolId, directoryStatusOf(pupil));
  for (const token of nameTokens(pupil)) {
    add({
      PK: directory,
      SK: pupilKeys.nameTokenSortKey(token, pupil.pupilId),
      itemType: 'PupilNameToken',
      ...entry,
    });
  }
  for (const classId of new Set(pupil.classIds)) {
    add({
      PK: pupilKeys.classMembersPartition(pupil.schoolId, classId),
      SK: pupilKeys.classMemberSortKey(entry.sortName, pupil.pupilId),
      itemType: 'ClassMember',
      ...entry,
    });
  }
  for (const match of matchItemsOf(pupil)) add(match);
  return items;
}

/** Every item of a new pupil: for batch loads (demo data, the MIS import's first run). */
export function allItemsOf(pupil: Pupil): StoredItem[] {
  return [profileItem(pupil), ...indexItems(pupil).values()];
}
