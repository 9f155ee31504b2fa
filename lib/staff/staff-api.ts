/** The staff directory endpoint (area /api/staff): for the incident and action forms. */
import { defineEndpoint } from '../platform/http/endpoint';
import { StaffDirectorySchema } from './staff-directory';

export const getStaffDirectory = defineEndpoint({
  operationId: 'getStaffDirectory',
  method: 'GET',
  path: '/api/staff',
  summary: "This school's active staff (with whether each holds a key) and its alert groups",
  tags: ['Staff'],
  access: { kind: 'staff' },
  successStatus: 200,
  response: StaffDirectorySchema,
});

export const STAFF_ENDPOINTS = [getStaffDirectory];
