/**
 * Scheduled task (EventBridge Scheduler): the school's nightly MIS import, or "run now". Applies the
 * newest extract (lib/mis/import-service.ts). A run that fails is logged on the import and retried
 * by the next schedule; a run that finds another in progress leaves it be. Afterwards the transfer
 * detector takes the roll changes every import has left (TRF-1); if it stops, they stay pending for
 * the next run at any school.
 */
import { z } from 'zod';
import { createMisServices } from '../../lib/mis/mis-services';
import { awsClients } from '../../lib/platform/aws-clients';
import { loadEnvironment, WorkflowEnvironmentSchema } from '../../lib/platform/environment';
import { logger } from '../../lib/platform/observability';
import { createWorkflowTaskHandler } from '../../lib/platform/workflow-task';
import { transferServicesOf } from '../../lib/transfers/transfer-services';

const environment = loadEnvironment(WorkflowEnvironmentSchema);
const clients = awsClients();
const mis = createMisServices({
  dynamo: clients.dynamo,
  s3: clients.s3,
  tableName: environment.TABLE_NAME,
  extractsBucket: environment.EXTRACTS_BUCKET,
  keyId: environment.VAULT_KEY_ID,
});
const { detector } = transferServicesOf(clients, environment);

export const handler = createWorkflowTaskHandler(
  z.object({ schoolId: z.string().uuid(), trigger: z.enum(['schedule', 'run-now']) }),
  async ({ schoolId, trigger }) => {
    const outcome = await mis.service.run(schoolId, trigger);
    // Counts only: import logs and function logs never hold pupil data.
    logger.info('MIS import run', {
      schoolId,
      trigger,
      outcome: outcome.kind,
      ...('record' in outcome ? { importId: outcome.record.importId, counts: outcome.record.counts } : {}),
    });
    const detection = await detector.run();
    logger.info('Transfer detection', { schoolId, ...detection });
    return { outcome: outcome.kind, detection };
  },
);
