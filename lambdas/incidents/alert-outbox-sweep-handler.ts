/**
 * Scheduled task (EventBridge Scheduler, every five minutes): delivers alert outbox items a request
 * left behind. See lib/alerts/alert-sweeper.ts.
 */
import { z } from 'zod';
import { AlertDelivery } from '../../lib/alerts/alert-delivery';
import { AlertInbox } from '../../lib/alerts/alert-inbox';
import { AlertOutboxRepository } from '../../lib/alerts/alert-outbox-repository';
import { AlertSweeper } from '../../lib/alerts/alert-sweeper';
import { MailService } from '../../lib/mail/mail-service';
import { awsClients } from '../../lib/platform/aws-clients';
import { loadEnvironment, WorkflowEnvironmentSchema } from '../../lib/platform/environment';
import { createWorkflowTaskHandler } from '../../lib/platform/workflow-task';

const environment = loadEnvironment(WorkflowEnvironmentSchema);
const clients = awsClients();
const outbox = new AlertOutboxRepository(clients.dynamo, environment.TABLE_NAME);
const sweeper = new AlertSweeper(
  outbox,
  new AlertDelivery({
    inbox: new AlertInbox(clients.dynamo, environment.TABLE_NAME),
    outbox,
    mail: new MailService(clients.ses, environment.MAIL_FROM),
    appBaseUrl: environment.APP_BASE_URL,
  }),
);

/** The schedule sends an empty object; nothing in it is read. */
export const handler = createWorkflowTaskHandler(z.object({}), () => sweeper.sweep());
