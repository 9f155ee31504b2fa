/** Builds the transfer services from the shared clients: one place, used by the API area, the step task and the import task. */
import {
  ExecutionAlreadyExists,
  InvalidToken,
  StartExecutionCommand,
  SendTaskSuccessCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UserGroupRepository } from '../access/user-group-repository';
import { AuditLog } from '../audit/audit-log';
import { CalendarRepository, kcsieClock } from '../calendar';
import { CategoryRepository } from '../categories/category-repository';
import { KeyRepository } from '../identity/keys/key-repository';
import { MembershipRepository } from '../identity/membership-repository';
import { MailService } from '../mail/mail-service';
import { PupilRepository } from '../pupils/pupil-repository';
import { SchoolRepository } from '../schools/school-repository';
import { TransferCopier } from './copy/transfer-copier';
import { TransferDetector } from './transfer-detector';
import { TransferLifecycle } from './transfer-lifecycle';
import { TransferNotifier } from './transfer-notifier';
import { TransferRepository } from './transfer-repository';
import { TransferSteps } from './transfer-steps';
import type { TransferStatus } from './transfer';

export interface TransferServiceOptions {
  readonly dynamo: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly ses: SESv2Client;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly stateMachineArn: string;
  readonly mailFrom: string;
  readonly appBaseUrl: string;
  readonly vaultBucket: string;
  readonly vaultKeyId: string;
  readonly now?: () => Date;
}

export interface TransferServices {
  readonly transfers: TransferRepository;
  readonly lifecycle: TransferLifecycle;
  readonly steps: TransferSteps;
  readonly detector: TransferDetector;
  readonly notifier: TransferNotifier;
}

/** What a deployed function (API area or workflow task) supplies: its clients and its environment. */
export interface TransferFunctionEnvironment {
  readonly TABLE_NAME: string;
  readonly TRANSFER_STATE_MACHINE_ARN: string;
  readonly MAIL_FROM: string;
  readonly APP_BASE_URL: string;
  readonly VAULT_BUCKET: string;
  readonly VAULT_KEY_ID: string;
}

/** The services as a deployed function builds them: one place for the API area and both tasks. */
export function transferServicesOf(
  clients: Pick<TransferServiceOptions, 'dynamo' | 'sfn' | 'ses' | 's3'>,
  environment: TransferFunctionEnvironment,
): TransferServices {
  return createTransferServices({
    dynamo: clients.dynamo,
    sfn: clients.sfn,
    ses: clients.ses,
    s3: clients.s3,
    tableName: environment.TABLE_NAME,
    stateMachineArn: environment.TRANSFER_STATE_MACHINE_ARN,
    mailFrom: environment.MAIL_FROM,
    appBaseUrl: environment.APP_BASE_URL,
    vaultBucket: environment.VAULT_BUCKET,
    vaultKeyId: environment.VAULT_KEY_ID,
  });
}

export function createTransferServices(options: TransferServiceOptions): TransferServices {
  const { dynamo, tableName } = options;
  const transfers = new TransferRepository(dynamo, tableName);
  const audit = new AuditLog(dynamo, tableName);
  const pupils = new PupilRepository(dynamo, tableName);
  const schools = new SchoolRepository(dynamo, tableName);
  const calendars = new CalendarRepository(dynamo, tableName);
  const categories = new CategoryRepository(dynamo, tableName);
  const notifier = new TransferNotifier({
    memberships: new MembershipRepository(dynamo, tableName),
    groups: new UserGroupRepository(dynamo, tableName),
    keys: new KeyRepository(dynamo, tableName),
    mail: new MailService(options.ses, options.mailFrom),
    appBaseUrl: options.appBaseUrl,
  });
  const deliver = (taskToken: string, status: TransferStatus) =>
    deliverStatus(options.sfn, taskToken, status);
  const now = options.now;
  const lifecycle = new TransferLifecycle({
    transfers,
    audit,
    notifier,
    deliver,
    clockFor: async (schoolId, requestedAt) => {
      const [calendar, school] = await Promise.all([calendars.get(schoolId), schools.get(schoolId)]);
      return kcsieClock(requestedAt, calendar, school?.timeZone ?? 'Europe/London');
    },
    pupil: (schoolId, pupilId) => pupils.get(schoolId, pupilId),
    categoryNames: async (schoolId) =>
      new Map(
        (await categories.list(schoolId))
          .filter((category) => category.mergedInto === undefined)
          .map((category) => [category.categoryId, category.name]),
      ),
    ...(now ? { now } : {}),
  });
  const steps = new TransferSteps({
    transfers,
    notifier,
    audit,
    deliver,
    copier: new TransferCopier({
      dynamo,
      s3: options.s3,
      tableName,
      vaultBucket: options.vaultBucket,
      keyId: options.vaultKeyId,
      ...(now ? { now } : {}),
    }),
    ...(now ? { now } : {}),
  });
  const detector = new TransferDetector({
    dynamo,
    tableName,
    transfers,
    schools,
    pupil: (schoolId, pupilId) => pupils.get(schoolId, pupilId),
    audit,
    startLifecycle: (transferId) => startLifecycle(options.sfn, options.stateMachineArn, transferId),
    deliver,
    ...(now ? { now } : {}),
  });
  return { transfers, lifecycle, steps, detector, notifier };
}

/** Completes a waiting task with the transfer's status; a token no longer waiting is not an error. */
export async function deliverStatus(
  sfn: SFNClient,
  taskToken: string,
  status: TransferStatus,
): Promise<void> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ status }) }));
  } catch (error) {
    if (error instanceof TaskTimedOut || error instanceof InvalidToken || error instanceof TaskDoesNotExist)
      return;
    throw error;
  }
}

/** Starts the transfer's execution, named by its id: a second start of the same transfer changes nothing. */
export async function startLifecycle(
  sfn: SFNClient,
  stateMachineArn: string,
  transferId: string,
): Promise<void> {
  try {
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: transferId,
        input: JSON.stringify({ transferId }),
      }),
    );
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return;
    throw error;
  }
}
