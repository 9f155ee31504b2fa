/**
 * The detector's cross-school lookup (TRF-1). Each pupil with a permanent UPN or a ULN has a
 * PupilMatch item in their own partition, projected into GSI3 under the SHA-256 of the value, so the
 * detector finds the same child at other schools with one Query and never a Scan. The value itself is
 * not in any key; only the detector reads GSI3, and it reveals a pair to the two schools only once it
 * is a transfer. Temporary UPNs never match.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { transferKeys, type TableKey } from '../data/keys';
import { isTemporaryUpn } from '../pupils/uk-identifiers';

export type MatchKind = 'UPN' | 'ULN';

export const PupilMatchSchema = z
  .object({
    schoolId: z.string().uuid(),
    pupilId: z.string().uuid(),
    kind: z.enum(['UPN', 'ULN']),
    archived: z.boolean(),
    admissionDate: z.string().optional(),
    leavingDate: z.string().optional(),
  })
  .strip();
export type PupilMatch = z.output<typeof PupilMatchSchema>;

/** What a pupil's match items are made from (a Pupil has all of it). */
export interface MatchablePupil {
  readonly schoolId: string;
  readonly pupilId: string;
  readonly archived: boolean;
  readonly upn?: string | undefined;
  readonly uln?: string | undefined;
  readonly admissionDate?: string | undefined;
  readonly leavingDate?: string | undefined;
}

export function matchValueHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** The values a pupil can be matched on: a permanent UPN, a ULN. */
export function matchValuesOf(
  pupil: Pick<MatchablePupil, 'upn' | 'uln'>,
): { kind: MatchKind; value: string }[] {
  const values: { kind: MatchKind; value: string }[] = [];
  if (pupil.upn && !isTemporaryUpn(pupil.upn)) values.push({ kind: 'UPN', value: pupil.upn });
  if (pupil.uln) values.push({ kind: 'ULN', value: pupil.uln });
  return values;
}

/** The pupil's PupilMatch items (none without a permanent UPN or ULN). */
export function matchItemsOf(pupil: MatchablePupil): (Record<string, unknown> & TableKey)[] {
  return matchValuesOf(pupil).map(({ kind, value }) => ({
    ...transferKeys.match(pupil.schoolId, pupil.pupilId, kind),
    itemType: 'PupilMatch',
    GSI3PK: transferKeys.matchIndexPartition(kind, matchValueHash(value)),
    GSI3SK: transferKeys.matchIndexSortKey(pupil.schoolId, pupil.pupilId),
    schoolId: pupil.schoolId,
    pupilId: pupil.pupilId,
    kind,
    archived: pupil.archived,
    ...(pupil.admissionDate === undefined ? {} : { admissionDate: pupil.admissionDate }),
    ...(pupil.leavingDate === undefined ? {} : { leavingDate: pupil.leavingDate }),
  }));
}
