/** Operator-only endpoints for schools. */
import { z } from 'zod';
import { PageQuerySchema } from '../data/page-cursor';
import { defineEndpoint } from '../platform/http/endpoint';
import { CreateSchoolInputSchema, SchoolSchema } from './school';

const operator = { kind: 'operator' } as const;

export const SchoolPageSchema = z
  .object({ items: z.array(SchoolSchema), nextCursor: z.string().optional() })
  .meta({ id: 'SchoolPage' });

export const listSchools = defineEndpoint({
  operationId: 'listSchools',
  method: 'GET',
  path: '/api/operator/schools',
  summary: 'List the schools in this region, by name (operator only)',
  tags: ['Operator'],
  access: operator,
  query: PageQuerySchema,
  successStatus: 200,
  response: SchoolPageSchema,
});

export const createSchool = defineEndpoint({
  operationId: 'createSchool',
  method: 'POST',
  path: '/api/operator/schools',
  summary: 'Create a school (operator only)',
  tags: ['Operator'],
  access: operator,
  body: CreateSchoolInputSchema,
  successStatus: 201,
  response: SchoolSchema,
  otherProblemStatuses: [409],
});

export const getSchool = defineEndpoint({
  operationId: 'getSchool',
  method: 'GET',
  path: '/api/operator/schools/{schoolId}',
  summary: 'Get one school (operator only)',
  tags: ['Operator'],
  access: operator,
  params: z.object({ schoolId: z.string().uuid() }),
  successStatus: 200,
  response: SchoolSchema,
});

export const SCHOOL_ENDPOINTS = [listSchools, createSchool, getSchool] as const;
