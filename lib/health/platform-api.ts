/** Public platform endpoints: health and the API description. */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import { HealthReportSchema } from './health';

export const getHealth = defineEndpoint({
  operationId: 'getHealth',
  method: 'GET',
  path: '/api/health',
  summary: 'Reachability of every AWS dependency (200 when all are ok, 503 otherwise)',
  tags: ['Platform'],
  access: { kind: 'public' },
  successStatus: 200,
  response: HealthReportSchema,
  otherProblemStatuses: [503],
});

export const getOpenApiDocument = defineEndpoint({
  operationId: 'getOpenApiDocument',
  method: 'GET',
  path: '/api/openapi.json',
  summary: 'This API described as OpenAPI 3.1',
  tags: ['Platform'],
  access: { kind: 'public' },
  successStatus: 200,
  response: z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document.' }),
});

export const PLATFORM_ENDPOINTS = [getHealth, getOpenApiDocument] as const;
