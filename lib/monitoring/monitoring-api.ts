/**
 * Monitoring endpoints (REC-7): a pupil's monitoring history, starting and stopping categories for one
 * pupil, and bulk changes from a class register. Changes need incidents.edit (a key, elevated) and, per
 * category, sight of its monitored pupils.
 */
import { defineEndpoint } from '../platform/http/endpoint';
import { PupilIdParams } from '../pupils/pupil-schemas';
import {
  BulkMonitoringResultSchema,
  BulkMonitoringSchema,
  MonitoringChangeResultSchema,
  MonitoringChangeSchema,
  MonitoringHistorySchema,
} from './monitoring-schemas';

const tags = ['Monitoring'];
const change = { kind: 'staff', permission: 'incidents.edit' } as const;

export const getMonitoringHistory = defineEndpoint({
  operationId: 'getMonitoringHistory',
  method: 'GET',
  path: '/api/pupils/{pupilId}/monitoring',
  summary:
    "A pupil's monitoring history (categories the viewer may see), newest first, with durations in days, and the categories the viewer may change",
  tags,
  access: { kind: 'staff', permission: 'students.details' },
  params: PupilIdParams,
  successStatus: 200,
  response: MonitoringHistorySchema,
});

export const changeMonitoring = defineEndpoint({
  operationId: 'changeMonitoring',
  method: 'POST',
  path: '/api/pupils/{pupilId}/monitoring',
  summary: 'Start monitoring a pupil under some categories and stop others, in one change',
  tags,
  access: change,
  params: PupilIdParams,
  body: MonitoringChangeSchema,
  successStatus: 200,
  response: MonitoringChangeResultSchema,
  otherProblemStatuses: [409],
});

export const bulkMonitoring = defineEndpoint({
  operationId: 'bulkMonitoring',
  method: 'POST',
  path: '/api/monitoring/bulk',
  summary:
    'Add or remove one category for up to 100 pupils (a class register\'s "Update categories"), reporting each pupil\'s outcome; safe to retry',
  tags,
  access: change,
  body: BulkMonitoringSchema,
  successStatus: 200,
  response: BulkMonitoringResultSchema,
});

export const MONITORING_ENDPOINTS = [getMonitoringHistory, changeMonitoring, bulkMonitoring] as const;
