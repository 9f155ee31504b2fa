/**
 * MIS endpoints. Connectors (a per-school credential) push extracts inline or through a presigned
 * upload and read back what became of them; admins with `admin.imports` read the import log and
 * run an import now; every member of staff sees the import health light on the dashboard.
 */
import { z } from 'zod';
import { PageQuerySchema } from '../data/page-cursor';
import { defineEndpoint, MAX_RAW_BODY_BYTES } from '../platform/http/endpoint';
import { MisImportSchema, NightlyTimeSchema } from './import-record';
import { ExtractFormatSchema, MisExtractSchema, RowProblemSchema } from './mis-extract';

const connector = { kind: 'connector' } as const;
const imports = { kind: 'staff', permission: 'admin.imports' } as const;

/** Largest extract a connector may upload through a presigned URL. */
export const MAX_UPLOADED_EXTRACT_BYTES = 200 * 1024 * 1024;

const SchoolParams = z.object({ schoolId: z.string().uuid() });
const FormatQuery = z.object({ format: ExtractFormatSchema.optional() });

export const ExtractReceiptSchema = z
  .object({
    importId: z.string().uuid(),
    status: z.enum(['received']),
    format: ExtractFormatSchema,
    structurallyValid: z.literal(true),
    receivedAt: z.iso.datetime(),
    counts: z.object({ pupils: z.number().int(), staff: z.number().int(), groups: z.number().int() }),
    /** Rows that will be skipped (errors) or applied with a remark (warnings); the first 100 are listed. */
    rowProblemCount: z.number().int(),
    rowProblems: z.array(RowProblemSchema),
    /** Where to see the outcome once the import has run. */
    statusPath: z.string(),
  })
  .meta({ id: 'ExtractReceipt' });
export type ExtractReceipt = z.output<typeof ExtractReceiptSchema>;

export const pushExtract = defineEndpoint({
  operationId: 'pushMisExtract',
  method: 'POST',
  path: '/api/mis/schools/{schoolId}/extracts',
  summary:
    "Push an MIS extract (Lantern JSON, Wonde-shaped JSON or DfE CTF XML) for the credential's school; applied by the next nightly import",
  tags: ['MIS connectors'],
  access: connector,
  params: SchoolParams,
  query: FormatQuery,
  rawBody: {
    mediaTypes: ['application/json', 'application/xml', 'text/xml'],
    maxBytes: MAX_RAW_BODY_BYTES,
    description:
      'The extract. JSON in Lantern format follows the MisExtract schema; Wonde-shaped JSON and CTF XML are converted (docs/mis-connectors.md). Larger extracts: use an upload.',
    jsonSchema: MisExtractSchema,
  },
  successStatus: 202,
  response: ExtractReceiptSchema,
});

export const ExtractUploadSchema = z
  .object({
    importId: z.string().uuid(),
    /** PUT the file here, with exactly these headers, within 15 minutes; then call the completion path. */
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    expiresAt: z.iso.datetime(),
    completePath: z.string(),
  })
  .meta({ id: 'ExtractUpload' });

export const startExtractUpload = defineEndpoint({
  operationId: 'startMisExtractUpload',
  method: 'POST',
  path: '/api/mis/schools/{schoolId}/uploads',
  summary: 'Get a presigned URL to upload a large extract straight to encrypted storage',
  tags: ['MIS connectors'],
  access: connector,
  params: SchoolParams,
  body: z
    .object({
      contentType: z.enum(['application/json', 'application/xml', 'text/xml']),
      format: ExtractFormatSchema.optional(),
    })
    .strict()
    .meta({ id: 'ExtractUploadRequest' }),
  successStatus: 201,
  response: ExtractUploadSchema,
});

export const completeExtractUpload = defineEndpoint({
  operationId: 'completeMisExtractUpload',
  method: 'POST',
  path: '/api/mis/schools/{schoolId}/uploads/{importId}',
  summary: 'Say an upload has finished: the extract is checked and logged like a pushed one (safe to retry)',
  tags: ['MIS connectors'],
  access: connector,
  params: SchoolParams.extend({ importId: z.string().uuid() }),
  query: FormatQuery,
  successStatus: 202,
  response: ExtractReceiptSchema,
});

export const getConnectorImport = defineEndpoint({
  operationId: 'getMisImportForConnector',
  method: 'GET',
  path: '/api/mis/schools/{schoolId}/imports/{importId}',
  summary:
    'What became of a pushed extract: received, applied (with counts and row problems), rejected or failed',
  tags: ['MIS connectors'],
  access: connector,
  params: SchoolParams.extend({ importId: z.string().uuid() }),
  successStatus: 200,
  response: MisImportSchema,
});

export const MisImportSummarySchema = MisImportSchema.omit({
  problems: true,
  objectKey: true,
  sha256: true,
}).meta({
  id: 'MisImportSummary',
});

export const listImports = defineEndpoint({
  operationId: 'listMisImports',
  method: 'GET',
  path: '/api/admin/mis/imports',
  summary: 'The import log, newest first',
  tags: ['Admin'],
  access: imports,
  query: PageQuerySchema,
  successStatus: 200,
  response: z
    .object({ items: z.array(MisImportSummarySchema), nextCursor: z.string().optional() })
    .meta({ id: 'MisImportPage' }),
});

export const getImport = defineEndpoint({
  operationId: 'getMisImport',
  method: 'GET',
  path: '/api/admin/mis/imports/{importId}',
  summary: 'One import with its row problems',
  tags: ['Admin'],
  access: imports,
  params: z.object({ importId: z.string().uuid() }),
  successStatus: 200,
  response: MisImportSchema,
});

export const runImportNow = defineEndpoint({
  operationId: 'runMisImportNow',
  method: 'POST',
  path: '/api/admin/mis/imports/run',
  summary: 'Apply the newest extract now instead of waiting for the night (runs in the background)',
  tags: ['Admin'],
  access: imports,
  successStatus: 202,
  response: z
    .object({ importId: z.string().uuid(), startsAt: z.iso.datetime() })
    .meta({ id: 'MisImportRunRequested' }),
  otherProblemStatuses: [409],
});

/** When the school's nightly import runs, on the school's own clock. */
export const NightlyScheduleSchema = z
  .object({
    /** HH:MM in `timeZone`; 02:00 unless an admin chose another time. */
    nightlyAt: NightlyTimeSchema,
    /** The school's IANA time zone, e.g. Europe/London: British time, summer and winter. */
    timeZone: z.string(),
  })
  .meta({ id: 'MisNightlySchedule' });
export type NightlySchedule = z.output<typeof NightlyScheduleSchema>;

export const getNightlySchedule = defineEndpoint({
  operationId: 'getMisNightlySchedule',
  method: 'GET',
  path: '/api/admin/mis/imports/schedule',
  summary: "When the school's nightly import runs, and whether it is on the schedule yet",
  tags: ['Admin'],
  access: imports,
  successStatus: 200,
  response: NightlyScheduleSchema.extend({
    /** False until the first extract arrives or an admin sets the time. */
    scheduled: z.boolean(),
  }).meta({ id: 'MisNightlyScheduleState' }),
});

export const NightlyScheduleRequestSchema = z
  .object({ nightlyAt: NightlyTimeSchema })
  .strict()
  .meta({ id: 'MisNightlyScheduleRequest' });

export const setNightlySchedule = defineEndpoint({
  operationId: 'setMisNightlySchedule',
  method: 'PUT',
  path: '/api/admin/mis/imports/schedule',
  summary:
    "Move the school's nightly import to another time of day, in the school's time zone (safe to retry)",
  tags: ['Admin'],
  access: imports,
  body: NightlyScheduleRequestSchema,
  successStatus: 200,
  response: NightlyScheduleSchema,
});

export const ImportHealthSchema = z
  .object({
    /** green: a successful import within 26 hours; amber: within 3 days; red: older, or never. */
    light: z.enum(['green', 'amber', 'red']),
    lastSuccessAt: z.iso.datetime().optional(),
    newestReceivedAt: z.iso.datetime().optional(),
    /** Set when the most recent run failed after the last success. */
    lastFailureAt: z.iso.datetime().optional(),
    /** Classes the import added that nobody has been given yet, when class restrictions are on (admins only). */
    classesAwaitingAccess: z.array(z.object({ classId: z.string().uuid(), name: z.string() })),
  })
  .meta({ id: 'MisImportHealth' });
export type ImportHealth = z.output<typeof ImportHealthSchema>;

export const getImportHealth = defineEndpoint({
  operationId: 'getMisImportHealth',
  method: 'GET',
  path: '/api/dashboard/mis-health',
  summary: "The school's MIS import health light (green / amber / red), for the dashboard",
  tags: ['Dashboard'],
  access: { kind: 'staff' },
  successStatus: 200,
  response: ImportHealthSchema,
});

export const MIS_ENDPOINTS = [
  pushExtract,
  startExtractUpload,
  completeExtractUpload,
  getConnectorImport,
  listImports,
  getImport,
  runImportNow,
  getNightlySchedule,
  setNightlySchedule,
  getImportHealth,
] as const;
