/**
 * TransactWrite items that only changes to existing incidents need (REC-6): removing a pupil's copy
 * (or an action's copy) from the key it sorted under, when the time it happened moves or it is merged
 * or split away; dropping an assignee's dashboard entry; and pins. Removals of copies are conditional
 * on the version read, so a raced change refuses the whole transaction rather than losing an update.
 */
import { z } from 'zod';
import { chronologyKeys, dashboardKeys } from '../data/keys';
import type { TransactWriteItem } from '../pupils/transact-write-item';
import type { ChronologyIncident } from './chronology-entry';
import { StaffRefSchema, type Action } from './incident';

const AT_VERSION = 'version = :version';

/** A pupil's copy of an incident, removed from where it sorts (the version it is at must match). */
export function copyDelete(tableName: string, copy: ChronologyIncident): TransactWriteItem {
  return {
    Delete: {
      TableName: tableName,
      Key: chronologyKeys.incident(copy.schoolId, copy.pupilId, copy.occurredAt, copy.incidentId),
      ConditionExpression: AT_VERSION,
      ExpressionAttributeValues: { ':version': copy.version },
    },
  };
}

/** An action's copy on one pupil's chronology, removed from under the incident's time it sorted by. */
export function actionCopyDelete(
  tableName: string,
  action: Action,
  pupilId: string,
  incidentOccurredAt: string,
): TransactWriteItem {
  return {
    Delete: {
      TableName: tableName,
      Key: chronologyKeys.action(
        action.schoolId,
        pupilId,
        incidentOccurredAt,
        action.incidentId,
        action.occurredAt,
        action.actionId,
      ),
      ConditionExpression: AT_VERSION,
      ExpressionAttributeValues: { ':version': action.version },
    },
  };
}

/** The assignee's open-assignment dashboard entry goes (closing, re-assigning, deleting, merging). */
export function assignedDelete(
  tableName: string,
  schoolId: string,
  personId: string,
  incidentId: string,
): TransactWriteItem {
  return { Delete: { TableName: tableName, Key: dashboardKeys.assigned(schoolId, personId, incidentId) } };
}

export const CHRONOLOGY_PIN = 'ChronologyPin';

export const PinRecordSchema = z
  .object({
    schoolId: z.string().uuid(),
    pupilId: z.string().uuid(),
    incidentId: z.string().uuid(),
    /** Where the pupil's copy sorted when pinned: a hint, as an edit may move it later. */
    occurredAt: z.iso.datetime(),
    pinnedAt: z.iso.datetime(),
    pinnedBy: StaffRefSchema,
  })
  .strip();

export type PinRecord = z.output<typeof PinRecordSchema>;

export function pinPut(tableName: string, pin: PinRecord): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...chronologyKeys.pin(pin.schoolId, pin.pupilId, pin.incidentId),
        itemType: CHRONOLOGY_PIN,
        ...PinRecordSchema.parse(pin),
      },
    },
  };
}

/** Removing a pin that is not there is not an error: unpinning twice is one unpin. */
export function pinDelete(
  tableName: string,
  schoolId: string,
  pupilId: string,
  incidentId: string,
): TransactWriteItem {
  return { Delete: { TableName: tableName, Key: chronologyKeys.pin(schoolId, pupilId, incidentId) } };
}
