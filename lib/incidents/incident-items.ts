/**
 * The stored items of incidents and actions as TransactWrite items: the Incident and its number, each
 * pupil's copy, earlier versions, actions and their copies, and the CategoryUse items that tell the
 * categories admin a category is in use. Every first write is conditional on the item not existing,
 * and every rewrite on the version it replaces, so a retried or raced write never doubles anything.
 */
import { categoryKeys, chronologyKeys, incidentKeys } from '../data/keys';
import type { TransactWriteItem } from '../pupils/transact-write-item';
import {
  CHRONOLOGY_ACTION,
  CHRONOLOGY_INCIDENT,
  ChronologyActionSchema,
  ChronologyIncidentSchema,
  type ChronologyAction,
  type ChronologyIncident,
} from './chronology-entry';
import { ActionSchema, IncidentSchema, type Action, type Incident } from './incident';

export const INCIDENT_ITEM_TYPE = 'Incident';
export const ACTION_ITEM_TYPE = 'Action';

/** The digest of the request that created a record, kept beside it for recognising retries. */
export interface Fingerprinted {
  readonly requestHash: string;
}

const NEW = 'attribute_not_exists(PK)';

function conditionOnVersion(previousVersion: number | undefined) {
  return previousVersion === undefined
    ? { ConditionExpression: NEW }
    : {
        ConditionExpression: 'version = :previous',
        ExpressionAttributeValues: { ':previous': previousVersion },
      };
}

/** The Incident: new (no previous version) or replacing the stored one at `previousVersion`. */
export function incidentPut(
  tableName: string,
  incident: Incident,
  fingerprint: Fingerprinted,
  previousVersion?: number,
): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...incidentKeys.incident(incident.schoolId, incident.incidentId),
        itemType: INCIDENT_ITEM_TYPE,
        ...IncidentSchema.parse(incident),
        requestHash: fingerprint.requestHash,
      },
      ...conditionOnVersion(previousVersion),
    },
  };
}

/** Holds a transaction to the incident as read: it must still be at this version. */
export function incidentUnchanged(tableName: string, incident: Incident): TransactWriteItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: incidentKeys.incident(incident.schoolId, incident.incidentId),
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': incident.version },
    },
  };
}

/** Keeps an earlier version of an incident when it is replaced (versions hold earlier versions only). */
export function incidentVersionPut(tableName: string, previous: Incident): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...incidentKeys.version(previous.schoolId, previous.incidentId, previous.version),
        itemType: 'IncidentVersion',
        ...IncidentSchema.parse(previous),
      },
      ConditionExpression: NEW,
    },
  };
}

export function incidentNumberPut(tableName: string, incident: Incident): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...incidentKeys.number(incident.schoolId, incident.number),
        itemType: 'IncidentNumber',
        schoolId: incident.schoolId,
        number: incident.number,
        incidentId: incident.incidentId,
      },
      ConditionExpression: NEW,
    },
  };
}

export function copyPut(
  tableName: string,
  copy: ChronologyIncident,
  previousVersion?: number,
): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...chronologyKeys.incident(copy.schoolId, copy.pupilId, copy.occurredAt, copy.incidentId),
        itemType: CHRONOLOGY_INCIDENT,
        ...ChronologyIncidentSchema.parse(copy),
      },
      ...conditionOnVersion(previousVersion),
    },
  };
}

export function actionPut(
  tableName: string,
  action: Action,
  fingerprint: Fingerprinted,
  previousVersion?: number,
): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...incidentKeys.action(action.schoolId, action.incidentId, action.actionId),
        itemType: ACTION_ITEM_TYPE,
        ...ActionSchema.parse(action),
        requestHash: fingerprint.requestHash,
      },
      ...conditionOnVersion(previousVersion),
    },
  };
}

export function actionVersionPut(tableName: string, previous: Action): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...incidentKeys.actionVersion(
          previous.schoolId,
          previous.incidentId,
          previous.actionId,
          previous.version,
        ),
        itemType: 'ActionVersion',
        ...ActionSchema.parse(previous),
      },
      ConditionExpression: NEW,
    },
  };
}

/** An action's copy under one pupil's copy of the incident (it sorts beside the incident). */
export function actionCopyPut(
  tableName: string,
  copy: ChronologyAction,
  incidentOccurredAt: string,
  previousVersion?: number,
): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...chronologyKeys.action(
          copy.schoolId,
          copy.pupilId,
          incidentOccurredAt,
          copy.incidentId,
          copy.occurredAt,
          copy.actionId,
        ),
        itemType: CHRONOLOGY_ACTION,
        ...ChronologyActionSchema.parse(copy),
      },
      ...conditionOnVersion(previousVersion),
    },
  };
}

/** Marks a category as used by an incident (idempotent: the same use put twice is one use). */
export function categoryUsePut(
  tableName: string,
  schoolId: string,
  categoryId: string,
  incidentId: string,
  at: string,
): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...categoryKeys.use(schoolId, categoryId, incidentId),
        itemType: 'CategoryUse',
        schoolId,
        categoryId,
        incidentId,
        usedAt: at,
      },
    },
  };
}

export function categoryUseDelete(
  tableName: string,
  schoolId: string,
  categoryId: string,
  incidentId: string,
): TransactWriteItem {
  return { Delete: { TableName: tableName, Key: categoryKeys.use(schoolId, categoryId, incidentId) } };
}

/** The action's copy for one pupil: the same action, on that pupil's chronology. */
export function actionCopyFor(action: Action, pupilId: string): ChronologyAction {
  return {
    actionId: action.actionId,
    incidentId: action.incidentId,
    schoolId: action.schoolId,
    pupilId,
    text: action.text,
    categoryIds: action.categoryIds,
    agencyIds: action.agencyIds,
    occurredAt: action.occurredAt,
    recordedAt: action.recordedAt,
    recordedBy: action.recordedBy,
    documentIds: action.documentIds,
    training: action.training,
    ...(action.deleted ? { deleted: action.deleted } : {}),
    version: action.version,
    ...(action.transferredFrom ? { transferredFrom: action.transferredFrom } : {}),
  };
}
