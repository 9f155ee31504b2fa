/**
 * MIS API area: connectors push extracts (inline or by presigned upload) and read back their outcome;
 * admins read the import log and run an import now; the dashboard reads the health light.
 */
import { ConflictException } from '@aws-sdk/client-scheduler';
import { ClassGroupRepository, SchoolSettingsRepository } from '../../lib/access/access-repositories';
import { authorisation } from '../../lib/access/authorisation';
import { auditActorOf, auditActorOfConnector } from '../../lib/audit/audit-actor';
import { AuditLog } from '../../lib/audit/audit-log';
import { EXTRACT_UPLOAD_SECONDS, extractKey } from '../../lib/mis/extract-store';
import { healthLight } from '../../lib/mis/import-health';
import { DEFAULT_NIGHTLY_TIME, ImportScheduler } from '../../lib/mis/import-scheduler';
import {
  completeExtractUpload,
  getConnectorImport,
  getImport,
  getImportHealth,
  getNightlySchedule,
  listImports,
  MAX_UPLOADED_EXTRACT_BYTES,
  pushExtract,
  runImportNow,
  setNightlySchedule,
  startExtractUpload,
  type ExtractReceipt,
} from '../../lib/mis/mis-api';
import type { ReceivedExtract } from '../../lib/mis/import-service';
import { createMisServices } from '../../lib/mis/mis-services';
import { uuidV7 } from '../../lib/mis/deterministic-id';
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { connectorPrincipal, staffPrincipal } from '../../lib/platform/http/access';
import { implement, type Principal } from '../../lib/platform/http/endpoint';
import { problems } from '../../lib/platform/http/problem';

const { environment, clients, handlerOptions } = createApiContext();
const mis = createMisServices({
  dynamo: clients.dynamo,
  s3: clients.s3,
  tableName: environment.TABLE_NAME,
  extractsBucket: environment.EXTRACTS_BUCKET,
  keyId: environment.VAULT_KEY_ID,
});
const scheduler = new ImportScheduler(clients.scheduler, {
  groupName: environment.SCHEDULE_GROUP_NAME,
  importFunctionArn: environment.MIS_IMPORT_FUNCTION_ARN,
  roleArn: environment.SCHEDULER_ROLE_ARN,
});
const audit = new AuditLog(clients.dynamo, environment.TABLE_NAME);
const classes = new ClassGroupRepository(clients.dynamo, environment.TABLE_NAME);
const settings = new SchoolSettingsRepository(clients.dynamo, environment.TABLE_NAME);

/** The credential acts for one school: a path naming another is refused, whatever else is right. */
function connectorFor(principal: Principal, schoolId: string) {
  const connector = connectorPrincipal(principal);
  if (connector.schoolId !== schoolId) {
    throw problems.forbidden('This connector credential belongs to another school.');
  }
  return connector;
}

/** A rejected extract is the connector's bad input: 400 naming where and why, with the import id. */
function receiptOf(received: ReceivedExtract, schoolId: string): ExtractReceipt {
  const { record } = received;
  if (record.status !== 'received' || !record.format) {
    const rejection = record.rejection ?? { field: 'body', reason: 'not an extract' };
    throw problems.validation(
      [rejection],
      `The extract was not accepted (import ${record.importId}); nothing was changed. ${rejection.field}: ${rejection.reason}`,
    );
  }
  return {
    importId: record.importId,
    status: 'received',
    format: record.format,
    structurallyValid: true,
    receivedAt: record.receivedAt,
    counts: received.counts,
    rowProblemCount: received.rowProblemCount,
    rowProblems: record.problems.slice(0, 100),
    statusPath: `/api/mis/schools/${schoolId}/imports/${record.importId}`,
  };
}

async function schoolTimeZone(schoolId: string): Promise<string> {
  return (await mis.schools.get(schoolId))?.timeZone ?? 'Europe/London';
}

/**
 * The first extract a school sends puts its nightly import on the schedule, in the school's time zone,
 * at the time an admin chose (02:00 unless they did).
 */
async function ensureNightlySchedule(schoolId: string): Promise<void> {
  const state = await mis.imports.state(schoolId);
  if (state.nightlyScheduledAt !== undefined) return;
  await scheduler.ensureNightly(
    schoolId,
    await schoolTimeZone(schoolId),
    state.nightlyAt ?? DEFAULT_NIGHTLY_TIME,
  );
  await mis.imports.markNightlyScheduled(schoolId, new Date().toISOString());
}

export const handler = createApiHandler(
  [
    implement(pushExtract, async (request) => {
      const connector = connectorFor(request.principal, request.params.schoolId);
      const body = request.rawBody ?? Buffer.alloc(0);
      if (body.byteLength === 0)
        throw problems.validation([{ field: 'body', reason: 'an extract is required' }]);
      const received = await mis.service.receive(
        connector.schoolId,
        body,
        {
          ...(request.query.format === undefined ? {} : { format: request.query.format }),
          ...(request.rawBodyMediaType === undefined ? {} : { mediaType: request.rawBodyMediaType }),
        },
        connector.credentialId,
      );
      await audit.record(auditActorOfConnector(connector, request), {
        action: 'mis.extract.push',
        resourceType: 'mis-import',
        resourceId: received.record.importId,
        detail: `${received.record.status}, ${received.record.byteSize} bytes`,
      });
      if (received.record.status === 'received') await ensureNightlySchedule(connector.schoolId);
      return { body: receiptOf(received, connector.schoolId) };
    }),
    implement(startExtractUpload, async (request) => {
      const connector = connectorFor(request.principal, request.params.schoolId);
      const importId = uuidV7();
      const upload = await mis.store.presignUpload(connector.schoolId, importId, request.body.contentType);
      return {
        body: {
          importId,
          url: upload.url,
          headers: upload.headers,
          expiresAt: new Date(Date.now() + EXTRACT_UPLOAD_SECONDS * 1000).toISOString(),
          completePath: `/api/mis/schools/${connector.schoolId}/uploads/${importId}`,
        },
      };
    }),
    implement(completeExtractUpload, async (request) => {
      const connector = connectorFor(request.principal, request.params.schoolId);
      const { importId } = request.params;
      // A retried completion answers with what the first one recorded.
      const known = await mis.imports.get(connector.schoolId, importId);
      if (known) {
        return {
          body: receiptOf(
            {
              record: known,
              rowProblemCount: known.problemCount,
              counts: { pupils: 0, staff: 0, groups: 0 },
            },
            connector.schoolId,
          ),
        };
      }
      const key = extractKey(connector.schoolId, importId);
      const size = await mis.store.sizeOf(key);
      if (size === undefined) {
        throw problems.notFound(
          `Nothing was uploaded for import ${importId}: PUT the file to the upload URL first.`,
        );
      }
      if (size > MAX_UPLOADED_EXTRACT_BYTES) throw problems.payloadTooLarge(MAX_UPLOADED_EXTRACT_BYTES);
      const received = await mis.service.receiveUploaded(
        connector.schoolId,
        importId,
        request.query.format === undefined ? {} : { format: request.query.format },
        connector.credentialId,
        key,
      );
      await audit.record(auditActorOfConnector(connector, request), {
        action: 'mis.extract.push',
        resourceType: 'mis-import',
        resourceId: importId,
        detail: `${received.record.status}, ${received.record.byteSize} bytes, uploaded`,
      });
      if (received.record.status === 'received') await ensureNightlySchedule(connector.schoolId);
      return { body: receiptOf(received, connector.schoolId) };
    }),
    implement(getConnectorImport, async (request) => {
      const connector = connectorFor(request.principal, request.params.schoolId);
      const record = await mis.imports.get(connector.schoolId, request.params.importId);
      if (!record) throw problems.notFound(`No import ${request.params.importId} for this school.`);
      return { body: record };
    }),
    implement(listImports, async (request) => {
      const { schoolId } = staffPrincipal(request.principal);
      return { body: await mis.imports.list(schoolId, request.query.limit, request.query.cursor) };
    }),
    implement(getImport, async (request) => {
      const { schoolId } = staffPrincipal(request.principal);
      const record = await mis.imports.get(schoolId, request.params.importId);
      if (!record) throw problems.notFound(`No import ${request.params.importId}.`);
      return { body: record };
    }),
    implement(runImportNow, async (request) => {
      const staff = staffPrincipal(request.principal);
      const state = await mis.imports.state(staff.schoolId);
      if (!state.newestImportId) {
        throw problems.conflict('No extract has been received yet: the connector must push one first.');
      }
      if (state.leaseUntil && state.leaseUntil > new Date().toISOString()) {
        throw problems.conflict('An import is running now; see the import log for its outcome.');
      }
      let startsAt: Date;
      try {
        startsAt = await scheduler.runSoon(staff.schoolId, new Date());
      } catch (error) {
        if (error instanceof ConflictException) throw problems.conflict('An import is already starting.');
        throw error;
      }
      await audit.record(auditActorOf(staff, request), {
        action: 'mis.import.run',
        resourceType: 'mis-import',
        resourceId: state.newestImportId,
      });
      return { body: { importId: state.newestImportId, startsAt: startsAt.toISOString() } };
    }),
    implement(getNightlySchedule, async (request) => {
      const { schoolId } = staffPrincipal(request.principal);
      const [state, timeZone] = await Promise.all([mis.imports.state(schoolId), schoolTimeZone(schoolId)]);
      return {
        body: {
          nightlyAt: state.nightlyAt ?? DEFAULT_NIGHTLY_TIME,
          timeZone,
          scheduled: state.nightlyScheduledAt !== undefined,
        },
      };
    }),
    implement(setNightlySchedule, async (request) => {
      const staff = staffPrincipal(request.principal);
      const { nightlyAt } = request.body;
      const timeZone = await schoolTimeZone(staff.schoolId);
      // Schedule first, then record: a retry after a failure in between moves the schedule again (harmless).
      await scheduler.ensureNightly(staff.schoolId, timeZone, nightlyAt);
      await mis.imports.setNightlyAt(staff.schoolId, nightlyAt, new Date().toISOString());
      await audit.record(auditActorOf(staff, request), {
        action: 'mis.import.schedule',
        resourceType: 'mis-schedule',
        resourceId: staff.schoolId,
        detail: `nightly at ${nightlyAt} ${timeZone}`,
      });
      return { body: { nightlyAt, timeZone } };
    }),
    implement(getImportHealth, async (request) => {
      const staff = staffPrincipal(request.principal);
      const [state, schoolSettings] = await Promise.all([
        mis.imports.state(staff.schoolId),
        settings.get(staff.schoolId),
      ]);
      // Only admins who can give access are told about classes waiting for it, and only when it matters.
      const tellAboutClasses =
        schoolSettings.classRestrictionsEnabled && authorisation.mayDo(staff.access, 'admin.classes');
      const awaiting = tellAboutClasses
        ? (await classes.list(staff.schoolId)).filter((classGroup) => classGroup.awaitingAccess)
        : [];
      const failedSince =
        state.lastFailureAt && (!state.lastSuccessAt || state.lastFailureAt > state.lastSuccessAt);
      return {
        body: {
          light: healthLight(state, new Date()),
          ...(state.lastSuccessAt === undefined ? {} : { lastSuccessAt: state.lastSuccessAt }),
          ...(state.newestReceivedAt === undefined ? {} : { newestReceivedAt: state.newestReceivedAt }),
          ...(failedSince && state.lastFailureAt ? { lastFailureAt: state.lastFailureAt } : {}),
          classesAwaitingAccess: awaiting.map((classGroup) => ({
            classId: classGroup.classId,
            name: classGroup.name,
          })),
        },
      };
    }),
  ],
  handlerOptions,
);
