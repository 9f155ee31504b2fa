/**
 * Turns validated MIS pupil rows into what Lantern should store (pure: no reads, no writes): the
 * profile each row describes, its contacts and sibling links with ids computed from the MIS ids, and a
 * fingerprint per facet, so the import can tell an unchanged row from a changed one without reading it.
 */
import {
  PupilDetailsSchema,
  type Contact,
  type Pupil,
  type PupilDetails,
  type PupilLink,
  type PupilSummary,
} from '../pupils/pupil';
import { deterministicUuid, fingerprint } from './deterministic-id';
import type { MisGroup, MisPupil } from './mis-extract';

/** A row, resolved: the pupil it is in Lantern and the profile it asks for. */
export interface DesiredPupil {
  readonly misKey: string;
  readonly pupilId: string;
  readonly row: MisPupil;
  readonly details: PupilDetails;
  readonly classIds: readonly string[];
  readonly archived: boolean;
}

export function pupilIdFor(schoolId: string, misKey: string): string {
  return deterministicUuid(schoolId, 'pupil', misKey);
}

export function classIdFor(schoolId: string, groupMisId: string): string {
  return deterministicUuid(schoolId, 'class', groupMisId);
}

function contactIdFor(schoolId: string, pupilId: string, contactMisId: string): string {
  return deterministicUuid(schoolId, 'contact', pupilId, contactMisId);
}

function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

/**
 * The profile a row describes. `classIdByGroup` maps the extract's group ids to Lantern class ids;
 * `today` (YYYY-MM-DD) archives a pupil whose leaving date has come.
 */
export function desiredPupil(
  schoolId: string,
  row: MisPupil,
  groups: ReadonlyMap<string, MisGroup>,
  classIdByGroup: ReadonlyMap<string, string>,
  today: string,
): DesiredPupil {
  const memberOf = row.groupIds.map((id) => groups.get(id)).filter((group) => group !== undefined);
  const tutor = memberOf.find((group) => group.kind === 'tutor');
  const details = PupilDetailsSchema.parse(
    present({
      legalForename: row.legalForename,
      legalSurname: row.legalSurname,
      preferredForename: row.preferredForename,
      preferredSurname: row.preferredSurname,
      middleNames: row.middleNames,
      dateOfBirth: row.dateOfBirth,
      gender: row.gender,
      upn: row.upn,
      uln: row.uln,
      admissionDate: row.admissionDate,
      leavingDate: row.leavingDate,
      yearGroup: row.ncYear,
      tutorGroup: tutor?.name,
      senProvision: row.senProvision,
      pupilPremium: row.pupilPremium,
      freeSchoolMeals: row.freeSchoolMeals,
      englishAdditionalLanguage: row.englishAdditionalLanguage,
      ethnicity: row.ethnicity,
      religion: row.religion,
      lookedAfter: row.lookedAfter,
      medicalConditions: row.medicalConditions,
    }),
  );
  const classIds = [
    ...new Set(memberOf.map((group) => classIdByGroup.get(group.id)).filter((id) => id !== undefined)),
  ].sort();
  return {
    misKey: row.id,
    pupilId: pupilIdFor(schoolId, row.id),
    row,
    details,
    classIds,
    archived: row.leavingDate !== undefined && row.leavingDate <= today,
  };
}

/** What the profile facet's fingerprint covers: everything the MIS decides about the profile. */
export function profileFacet(
  pupil: Pick<DesiredPupil, 'details' | 'classIds' | 'archived' | 'misKey'>,
): unknown {
  return { details: pupil.details, classIds: pupil.classIds, archived: pupil.archived, misKey: pupil.misKey };
}

/** A pupil the import has never stored. */
export function newPupil(schoolId: string, desired: DesiredPupil, at: string): Pupil {
  return {
    ...desired.details,
    pupilId: desired.pupilId,
    schoolId,
    classIds: [...desired.classIds],
    archived: desired.archived,
    source: 'mis',
    misId: desired.misKey,
    monitoredCategoryIds: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** The stored pupil with the MIS's details, keeping what Lantern owns (monitoring, creation). */
export function updatedPupil(
  stored: Pupil,
  desired: Pick<DesiredPupil, 'details' | 'classIds' | 'archived' | 'misKey'>,
  at: string,
): Pupil {
  return {
    ...desired.details,
    pupilId: stored.pupilId,
    schoolId: stored.schoolId,
    classIds: [...desired.classIds],
    archived: desired.archived,
    source: 'mis',
    misId: desired.misKey,
    monitoredCategoryIds: stored.monitoredCategoryIds,
    createdAt: stored.createdAt,
    updatedAt: at,
    version: stored.version + 1,
  };
}

/** Whether two profiles differ in anything but their timestamps and version. */
export function sameProfile(a: Pupil, b: Pupil): boolean {
  const comparable = (pupil: Pupil) => fingerprint({ ...pupil, createdAt: '', updatedAt: '', version: 0 });
  return comparable(a) === comparable(b);
}

export function contactsOf(schoolId: string, desired: DesiredPupil, at: string): Contact[] {
  return desired.row.contacts.map((contact) =>
    present({
      contactId: contactIdFor(schoolId, desired.pupilId, contact.id),
      pupilId: desired.pupilId,
      name: contact.name,
      relationship: contact.relationship,
      phone: contact.phone,
      email: contact.email,
      address: contact.address,
      parentalResponsibility: contact.parentalResponsibility,
      priority: contact.priority,
      source: 'mis' as const,
      updatedAt: at,
      version: 1,
    }),
  );
}

/** A contact's content, for comparing with what is stored. */
export function contactComparable(contact: Contact): unknown {
  return { ...contact, updatedAt: '', version: 0 };
}

/**
 * Sibling pairs, made symmetric: if either row lists the other, both profiles show the link.
 * Keyed by pupil id; each value lists the other pupils' ids.
 */
export function siblingPairs(pupils: readonly DesiredPupil[]): Map<string, string[]> {
  const byMisKey = new Map(pupils.map((pupil) => [pupil.misKey, pupil]));
  const pairs = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    if (a === b) return;
    const set = pairs.get(a) ?? new Set<string>();
    set.add(b);
    pairs.set(a, set);
  };
  for (const pupil of pupils) {
    for (const siblingKey of pupil.row.siblingIds) {
      const sibling = byMisKey.get(siblingKey);
      if (!sibling) continue;
      add(pupil.pupilId, sibling.pupilId);
      add(sibling.pupilId, pupil.pupilId);
    }
  }
  return new Map([...pairs].map(([pupilId, others]) => [pupilId, [...others].sort()]));
}

export function siblingLinksOf(
  pupilId: string,
  siblingSummaries: readonly PupilSummary[],
  at: string,
): PupilLink[] {
  return siblingSummaries.map((other) => ({
    pupilId,
    otherPupilId: other.pupilId,
    kind: 'sibling' as const,
    other,
    source: 'mis' as const,
    createdAt: at,
  }));
}

/** A link's content, for comparing with what is stored. */
export function linkComparable(link: PupilLink): unknown {
  return { ...link, createdAt: '' };
}
