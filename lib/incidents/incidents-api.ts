/**
 * Incident, action and chronology endpoints (REC-3, REC-4, REC-5, REC-8). Adding incidents and actions
 * needs `incidents.add`, which staff without a key have; reading one incident needs no system
 * permission because staff alerted to it may read it until they mark it read; the chronology and its
 * overview need `students.details` (a key). Which pupil and which incident is the service's to decide.
 */
import { z } from 'zod';
import { PageQuerySchema } from '../data/page-cursor';
import { defineEndpoint } from '../platform/http/endpoint';
import { NewActionSchema, NewIncidentSchema } from './incident';
import { INCIDENT_EDIT_ENDPOINTS } from './incident-edit-api';
import {
  ActionViewSchema,
  ChronologyOverviewSchema,
  ChronologyPageSchema,
  IncidentReceiptSchema,
  IncidentViewSchema,
  MarkReadResultSchema,
} from './incident-views';

const tags = ['Incidents'];
const record = { kind: 'staff', permission: 'incidents.add' } as const;
const pupilRecords = { kind: 'staff', permission: 'students.details' } as const;

const IncidentIdParams = z.object({ incidentId: z.string().uuid() });
const PupilIdParams = z.object({ pupilId: z.string().uuid() });

export const addIncident = defineEndpoint({
  operationId: 'addIncident',
  method: 'POST',
  path: '/api/incidents',
  summary:
    'Add an incident for a pupil (with linked pupils, alerts, assignment); sending the same incidentId again returns the first result',
  tags,
  access: record,
  body: NewIncidentSchema,
  successStatus: 201,
  response: IncidentReceiptSchema,
  otherProblemStatuses: [409],
});

export const getIncident = defineEndpoint({
  operationId: 'getIncident',
  method: 'GET',
  path: '/api/incidents/{incidentId}',
  summary:
    "One pupil's copy of an incident with its actions (for key holders, or anyone with an unread alert to it)",
  tags,
  access: { kind: 'staff' },
  params: IncidentIdParams,
  query: z.object({ pupilId: z.string().uuid() }),
  successStatus: 200,
  response: IncidentViewSchema,
});

export const markIncidentRead = defineEndpoint({
  operationId: 'markIncidentRead',
  method: 'POST',
  path: '/api/incidents/{incidentId}/read',
  summary: "Mark an incident read: removes the caller's alert to it, and answers their next unread alert",
  tags,
  access: { kind: 'staff' },
  params: IncidentIdParams,
  successStatus: 200,
  response: MarkReadResultSchema,
});

export const addAction = defineEndpoint({
  operationId: 'addAction',
  method: 'POST',
  path: '/api/incidents/{incidentId}/actions',
  summary: 'Add an action to an incident; sending the same actionId again returns the first result',
  tags,
  access: record,
  params: IncidentIdParams,
  body: NewActionSchema,
  successStatus: 201,
  response: ActionViewSchema,
  otherProblemStatuses: [409],
});

export const getChronology = defineEndpoint({
  operationId: 'getChronology',
  method: 'GET',
  path: '/api/chronology/{pupilId}',
  summary: "A page of a pupil's chronology, newest first, with each incident's actions",
  tags,
  access: pupilRecords,
  params: PupilIdParams,
  query: PageQuerySchema,
  successStatus: 200,
  response: ChronologyPageSchema,
});

export const getChronologyOverview = defineEndpoint({
  operationId: 'getChronologyOverview',
  method: 'GET',
  path: '/api/chronology/{pupilId}/overview',
  summary: "A pupil's incidents counted by category and by month (UTC), for the overview charts",
  tags,
  access: pupilRecords,
  params: PupilIdParams,
  successStatus: 200,
  response: ChronologyOverviewSchema,
});

export const PrintLinkSchema = z
  .object({ url: z.string().url(), fileName: z.string(), expiresAt: z.iso.datetime() })
  .meta({
    id: 'IncidentPrintLink',
    description: 'A presigned GET of the PDF; it works once the browser follows it, for a minute.',
  });

export const printIncident = defineEndpoint({
  operationId: 'printIncident',
  method: 'POST',
  path: '/api/incidents/{incidentId}/print',
  summary:
    "One pupil's copy of an incident with its actions as a PDF: a one-minute download link (audited; key holders only)",
  tags,
  access: pupilRecords,
  params: IncidentIdParams,
  body: z.object({ pupilId: z.string().uuid() }).strict(),
  successStatus: 200,
  response: PrintLinkSchema,
});

export const INCIDENT_ENDPOINTS = [
  addIncident,
  getIncident,
  markIncidentRead,
  addAction,
  getChronology,
  getChronologyOverview,
  printIncident,
  ...INCIDENT_EDIT_ENDPOINTS,
];
