/**
 * Automatic alert rules and clearing alerts (REC-5). Anyone signed in manages their own rules (under
 * /api/dashboard, their own space); an admin with `admin.users` manages anyone's and clears a user's
 * unread dashboard alerts between two dates (under /api/admin/users/{personId}).
 */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import { AutoAlertRuleSchema, NewAutoAlertRuleSchema } from './auto-alert-rule';

const tags = ['Alerts'];
const own = { kind: 'staff' } as const;
const users = { kind: 'staff', permission: 'admin.users' } as const;

const RuleListSchema = z.object({ items: z.array(AutoAlertRuleSchema) }).meta({ id: 'AutoAlertRuleList' });
const RuleIdSchema = z
  .string()
  .regex(/^[0-9a-f-]{36}_(category|pupil|class)_[A-Za-z0-9_-]{1,64}$/, 'must be an automatic alert id');
const PersonParams = z.object({ personId: z.string().uuid() });
const DateSchema = z.iso.date();

export const listMyAutoAlerts = defineEndpoint({
  operationId: 'listMyAutoAlerts',
  method: 'GET',
  path: '/api/dashboard/auto-alerts',
  summary: 'Your automatic alerts: every new incident in a category, about a pupil, or in a class or group',
  tags,
  access: own,
  successStatus: 200,
  response: RuleListSchema,
});

export const addMyAutoAlert = defineEndpoint({
  operationId: 'addMyAutoAlert',
  method: 'POST',
  path: '/api/dashboard/auto-alerts',
  summary:
    'Alert me to every new incident and action in a category, about a pupil, or in a class (idempotent)',
  tags,
  access: own,
  body: NewAutoAlertRuleSchema,
  successStatus: 201,
  response: AutoAlertRuleSchema,
});

export const removeMyAutoAlert = defineEndpoint({
  operationId: 'removeMyAutoAlert',
  method: 'DELETE',
  path: '/api/dashboard/auto-alerts/{ruleId}',
  summary: 'Stop one of your automatic alerts',
  tags,
  access: own,
  params: z.object({ ruleId: RuleIdSchema }),
  successStatus: 204,
  response: z.undefined(),
});

export const listUserAutoAlerts = defineEndpoint({
  operationId: 'listUserAutoAlerts',
  method: 'GET',
  path: '/api/admin/users/{personId}/auto-alerts',
  summary: "A user's automatic alerts",
  tags,
  access: users,
  params: PersonParams,
  successStatus: 200,
  response: RuleListSchema,
});

export const addUserAutoAlert = defineEndpoint({
  operationId: 'addUserAutoAlert',
  method: 'POST',
  path: '/api/admin/users/{personId}/auto-alerts',
  summary: 'Alert a user to every new incident in a category, about a pupil, or in a class (idempotent)',
  tags,
  access: users,
  params: PersonParams,
  body: NewAutoAlertRuleSchema,
  successStatus: 201,
  response: AutoAlertRuleSchema,
});

export const removeUserAutoAlert = defineEndpoint({
  operationId: 'removeUserAutoAlert',
  method: 'DELETE',
  path: '/api/admin/users/{personId}/auto-alerts/{ruleId}',
  summary: "Remove one of a user's automatic alerts",
  tags,
  access: users,
  params: PersonParams.extend({ ruleId: RuleIdSchema }),
  successStatus: 204,
  response: z.undefined(),
});

export const ClearAlertsSchema = z
  .object({ from: DateSchema, to: DateSchema })
  .strict()
  .meta({ id: 'ClearAlertsRequest', description: 'Both dates are included (YYYY-MM-DD).' });

export const clearUserAlerts = defineEndpoint({
  operationId: 'clearUserAlerts',
  method: 'POST',
  path: '/api/admin/users/{personId}/alerts/clear',
  summary: "Remove a user's unread dashboard alerts dated between two days (audited)",
  tags,
  access: users,
  params: PersonParams,
  body: ClearAlertsSchema,
  successStatus: 200,
  response: z.object({ cleared: z.number().int().min(0) }).meta({ id: 'ClearAlertsResult' }),
});

export const OWN_AUTO_ALERT_ENDPOINTS = [listMyAutoAlerts, addMyAutoAlert, removeMyAutoAlert];
export const ADMIN_AUTO_ALERT_ENDPOINTS = [
  listUserAutoAlerts,
  addUserAutoAlert,
  removeUserAutoAlert,
  clearUserAlerts,
];
