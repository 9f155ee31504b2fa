/**
 * Checks shared by new incidents and new actions: categories (exist, open, allowed to this recorder),
 * agencies, the referral decision and the time it happened. Each adds its refusals by field.
 */
import { authorisation, type AccessProfile } from '../access/authorisation';
import type { FieldRefusals } from './incident-errors';
import type { ReferralDecision } from './incident';
import type { SchoolReference } from './school-reference';

/** A clock a little ahead of the server's must not make "now" look like the future. */
export const CLOCK_SKEW_MS = 2 * 60_000;

export function checkCategories(
  categoryIds: readonly string[],
  field: string,
  reference: SchoolReference,
  profile: AccessProfile,
  refusals: FieldRefusals,
): void {
  categoryIds.forEach((categoryId, index) => {
    const category = reference.categories.get(categoryId);
    const at = `${field}.${index}`;
    if (!category) refusals.add('invalid', at, 'no such category');
    else if (category.mergedInto !== undefined)
      refusals.add('invalid', at, 'was merged into another category');
    else if (category.disabled) refusals.add('invalid', at, `${category.name} is disabled`);
    else if (!authorisation.mayAddIncident(profile, [categoryId])) {
      refusals.add('forbidden', at, `your user group may not record in ${category.name}`);
    }
  });
}

export function checkAgencies(
  agencyIds: readonly string[],
  field: string,
  reference: SchoolReference,
  refusals: FieldRefusals,
): void {
  agencyIds.forEach((agencyId, index) => {
    const agency = reference.agencies.get(agencyId);
    if (!agency) refusals.add('invalid', `${field}.${index}`, 'no such agency');
    else if (agency.disabled) refusals.add('invalid', `${field}.${index}`, `${agency.name} is disabled`);
  });
}

export function checkReferral(
  referral: ReferralDecision | undefined,
  field: string,
  reference: SchoolReference,
  refusals: FieldRefusals,
): void {
  if (referral?.decision === 'referred') {
    checkAgencies(referral.agencyIds, `${field}.agencyIds`, reference, refusals);
  }
}

/** Attaching files needs the files permission (staff without a key may have it). */
export function checkFiles(
  documentIds: readonly string[],
  profile: AccessProfile,
  refusals: FieldRefusals,
): void {
  if (documentIds.length > 0 && !authorisation.mayDo(profile, 'files')) {
    refusals.add('forbidden', 'body.documentIds', 'your user group may not attach files');
  }
}

export function checkNotInFuture(at: string, now: Date, field: string, refusals: FieldRefusals): void {
  if (Date.parse(at) > now.getTime() + CLOCK_SKEW_MS)
    refusals.add('invalid', field, 'must not be in the future');
}
