/** The dashboard endpoint (REC-10): any signed-in staff member's own dashboard; no permission needed. */
import { defineEndpoint } from '../platform/http/endpoint';
import { DashboardSchema } from './dashboard';

export const getDashboard = defineEndpoint({
  operationId: 'getDashboard',
  method: 'GET',
  path: '/api/dashboard',
  summary:
    'Your dashboard: unread alerts and your last 7 days of history; with a key, also your assigned incidents and recently viewed pupils',
  tags: ['Dashboard'],
  access: { kind: 'staff' },
  successStatus: 200,
  response: DashboardSchema,
});

export const DASHBOARD_ENDPOINTS = [getDashboard];
