/**
 * Training mode (REC-11): every incident and action recorded while a school's training mode is on is
 * marked `training: true` and gets a TrainingEntry in the school's TRAINING partition, written in the
 * same transaction as the record. When an admin switches training mode off, that partition is the list
 * they review (one Query): what they keep becomes an ordinary record, the rest is discarded.
 *
 * | item type     | PK                   | SK                                   |
 * |---------------|----------------------|--------------------------------------|
 * | TrainingEntry | SCHOOL#<s>#TRAINING  | <incidentId> or <incidentId>#ACTION#<actionId> |
 *
 * An action's entry sorts straight after its incident's, so the list groups them without sorting.
 */
import { z } from 'zod';
import { trainingKeys } from '../data/keys';
import { StaffRefSchema } from '../incidents/incident';
import type { TransactWriteItem } from '../pupils/transact-write-item';

export const TrainingEntrySchema = z
  .object({
    schoolId: z.string().uuid(),
    incidentId: z.string().uuid(),
    /** Set for an action (on a training incident or on an ordinary one). */
    actionId: z.string().uuid().optional(),
    number: z.number().int().positive(),
    /** The pupil the record was added for, so the review list can link to it. */
    pupilId: z.string().uuid(),
    recordedAt: z.iso.datetime(),
    recordedBy: StaffRefSchema,
  })
  .strip()
  .meta({ id: 'TrainingEntry' });

export type TrainingEntry = z.output<typeof TrainingEntrySchema>;

export const TRAINING_ENTRY_ITEM_TYPE = 'TrainingEntry';

/** The entry's Put for the record's own transaction. */
export function trainingEntryPut(tableName: string, entry: TrainingEntry): TransactWriteItem {
  const parsed = TrainingEntrySchema.parse(entry);
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...trainingKeys.entry(parsed.schoolId, parsed.incidentId, parsed.actionId),
        itemType: TRAINING_ENTRY_ITEM_TYPE,
        ...parsed,
      },
    },
  };
}
