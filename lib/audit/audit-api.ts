/** Audit reports (IAM-7, BYD-8): per pupil and per user, newest first. There is no write, edit or delete route. */
import { z } from 'zod';
import { PageQuerySchema } from '../data/page-cursor';
import { defineEndpoint } from '../platform/http/endpoint';
import { AuditEventSchema } from './audit-event';

const auditors = { kind: 'staff', permission: 'audit.view' } as const;

export const AuditPageSchema = z
  .object({ items: z.array(AuditEventSchema), nextCursor: z.string().optional() })
  .meta({ id: 'AuditPage' });

export const getPupilAudit = defineEndpoint({
  operationId: 'getPupilAudit',
  method: 'GET',
  path: '/api/audit/pupils/{pupilId}',
  summary: "A pupil's audit report: every read and change of their record, newest first",
  tags: ['Audit'],
  access: auditors,
  params: z.object({ pupilId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a pupil id') }),
  query: PageQuerySchema,
  successStatus: 200,
  response: AuditPageSchema,
});

export const getUserAudit = defineEndpoint({
  operationId: 'getUserAudit',
  method: 'GET',
  path: '/api/audit/users/{personId}',
  summary: 'Everything one user read or changed in this school, newest first',
  tags: ['Audit'],
  access: auditors,
  params: z.object({ personId: z.string().uuid() }),
  query: PageQuerySchema,
  successStatus: 200,
  response: AuditPageSchema,
});

export const AUDIT_ENDPOINTS = [getPupilAudit, getUserAudit] as const;
