/**
 * Changing incidents and actions (REC-6): edit, delete, restore, history, pin, merge and split. Every
 * one needs `incidents.edit` (a key permission, so an elevated session); the service also requires
 * sight of every involved pupil's copy. Changes name the version they were made against (409 when
 * stale) and a reason; a refusal changes nothing.
 */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import { ActionSchema, IncidentSchema } from './incident';
import {
  ActionEditSchema,
  ActionSplitSchema,
  IncidentChangeSchema,
  IncidentEditSchema,
  IncidentMergeSchema,
  IncidentPinSchema,
} from './incident-changes';
import { IncidentHistorySchema } from './incident-history-service';
import { MergeResultSchema } from './incident-merge-service';
import { IncidentReceiptSchema } from './incident-views';

const tags = ['Incidents'];
const edit = { kind: 'staff', permission: 'incidents.edit' } as const;
const IncidentIdParams = z.object({ incidentId: z.string().uuid() });
const ActionIdParams = z.object({ incidentId: z.string().uuid(), actionId: z.string().uuid() });
const IncidentRecordSchema = IncidentSchema.meta({ id: 'IncidentRecord' });
const ActionRecordSchema = ActionSchema.meta({ id: 'ActionRecord' });

export const editIncident = defineEndpoint({
  operationId: 'editIncident',
  method: 'PATCH',
  path: '/api/incidents/{incidentId}',
  summary: 'Edit an incident against the version read, with a reason; the earlier version is kept',
  tags,
  access: edit,
  params: IncidentIdParams,
  body: IncidentEditSchema,
  successStatus: 200,
  response: IncidentRecordSchema,
  otherProblemStatuses: [409],
});

export const deleteIncident = defineEndpoint({
  operationId: 'deleteIncident',
  method: 'POST',
  path: '/api/incidents/{incidentId}/delete',
  summary: 'Delete an incident with a reason: it is marked deleted, nothing is removed',
  tags,
  access: edit,
  params: IncidentIdParams,
  body: IncidentChangeSchema,
  successStatus: 200,
  response: IncidentRecordSchema,
  otherProblemStatuses: [409],
});

export const restoreIncident = defineEndpoint({
  operationId: 'restoreIncident',
  method: 'POST',
  path: '/api/incidents/{incidentId}/restore',
  summary: 'Restore a deleted incident, with a reason',
  tags,
  access: edit,
  params: IncidentIdParams,
  body: IncidentChangeSchema,
  successStatus: 200,
  response: IncidentRecordSchema,
  otherProblemStatuses: [409],
});

export const getIncidentHistory = defineEndpoint({
  operationId: 'getIncidentHistory',
  method: 'GET',
  path: '/api/incidents/{incidentId}/history',
  summary: 'Every version of an incident and of each of its actions, with who changed it, when and why',
  tags,
  access: edit,
  params: IncidentIdParams,
  successStatus: 200,
  response: IncidentHistorySchema,
});

export const pinIncident = defineEndpoint({
  operationId: 'pinIncident',
  method: 'POST',
  path: '/api/incidents/{incidentId}/pin',
  summary: "Pin an incident to the top of one pupil's chronology, or unpin it",
  tags,
  access: edit,
  params: IncidentIdParams,
  body: IncidentPinSchema,
  successStatus: 200,
  response: z.object({ pinned: z.boolean() }).meta({ id: 'PinResult' }),
  otherProblemStatuses: [409],
});

export const mergeIncident = defineEndpoint({
  operationId: 'mergeIncident',
  method: 'POST',
  path: '/api/incidents/{incidentId}/merge',
  summary:
    'Merge this incident into the one with intoNumber (it becomes an action of that one); confirm: false previews',
  tags,
  access: edit,
  params: IncidentIdParams,
  body: IncidentMergeSchema,
  successStatus: 200,
  response: MergeResultSchema,
  otherProblemStatuses: [409],
});

export const editAction = defineEndpoint({
  operationId: 'editAction',
  method: 'PATCH',
  path: '/api/incidents/{incidentId}/actions/{actionId}',
  summary: 'Edit an action against the version read, with a reason; the earlier version is kept',
  tags,
  access: edit,
  params: ActionIdParams,
  body: ActionEditSchema,
  successStatus: 200,
  response: ActionRecordSchema,
  otherProblemStatuses: [409],
});

export const deleteAction = defineEndpoint({
  operationId: 'deleteAction',
  method: 'POST',
  path: '/api/incidents/{incidentId}/actions/{actionId}/delete',
  summary: 'Delete an action with a reason: it is marked deleted, nothing is removed',
  tags,
  access: edit,
  params: ActionIdParams,
  body: IncidentChangeSchema,
  successStatus: 200,
  response: ActionRecordSchema,
  otherProblemStatuses: [409],
});

export const restoreAction = defineEndpoint({
  operationId: 'restoreAction',
  method: 'POST',
  path: '/api/incidents/{incidentId}/actions/{actionId}/restore',
  summary: 'Restore a deleted action, with a reason',
  tags,
  access: edit,
  params: ActionIdParams,
  body: IncidentChangeSchema,
  successStatus: 200,
  response: ActionRecordSchema,
  otherProblemStatuses: [409],
});

export const splitAction = defineEndpoint({
  operationId: 'splitAction',
  method: 'POST',
  path: '/api/incidents/{incidentId}/actions/{actionId}/split',
  summary:
    'Split an action out as an incident of its own (a new number); the same incidentId again returns it',
  tags,
  access: edit,
  params: ActionIdParams,
  body: ActionSplitSchema,
  successStatus: 201,
  response: IncidentReceiptSchema,
  otherProblemStatuses: [409],
});

export const INCIDENT_EDIT_ENDPOINTS = [
  editIncident,
  deleteIncident,
  restoreIncident,
  getIncidentHistory,
  pinIncident,
  mergeIncident,
  editAction,
  deleteAction,
  restoreAction,
  splitAction,
];
