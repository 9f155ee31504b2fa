/**
 * The dashboard entries an incident or action writes in its own transaction (REC-10): the assignee's
 * ASSIGNED entry (kept until the incident is closed) and the recorder's HISTORY entry ("My history",
 * the last 7 days; removed by TTL a day later so the dashboard's 7-day window never misses one).
 */
import { dashboardKeys } from '../data/keys';
import type { TransactWriteItem } from '../pupils/transact-write-item';
import type { StaffRef } from './incident';

const HISTORY_LIFETIME_SECONDS = 8 * 24 * 60 * 60;

export interface DashboardSubject {
  readonly schoolId: string;
  readonly incidentId: string;
  readonly number: number;
  readonly pupilId: string;
  readonly pupilDisplayName: string;
  readonly categoryIds: readonly string[];
}

export function assignedPut(
  tableName: string,
  subject: DashboardSubject,
  assignee: StaffRef,
  assignedBy: StaffRef,
  at: string,
): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...dashboardKeys.assigned(subject.schoolId, assignee.personId, subject.incidentId),
        itemType: 'DashboardEntry',
        kind: 'ASSIGNED',
        ...subject,
        personId: assignee.personId,
        assignedBy,
        assignedAt: at,
      },
    },
  };
}

export function historyPut(
  tableName: string,
  subject: DashboardSubject,
  recorder: StaffRef,
  recorded: { readonly at: string; readonly actionId?: string },
): TransactWriteItem {
  const entryId = recorded.actionId ?? subject.incidentId;
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...dashboardKeys.history(subject.schoolId, recorder.personId, recorded.at, entryId),
        itemType: 'DashboardEntry',
        kind: 'HISTORY',
        ...subject,
        personId: recorder.personId,
        what: recorded.actionId === undefined ? 'incident' : 'action',
        ...(recorded.actionId === undefined ? {} : { actionId: recorded.actionId }),
        recordedAt: recorded.at,
        expiresAt: Math.floor(Date.parse(recorded.at) / 1000) + HISTORY_LIFETIME_SECONDS,
      },
    },
  };
}
