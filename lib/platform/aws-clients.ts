/**
 * Module-scoped AWS SDK clients, created once per Lambda container and configured in one place.
 * Endpoints come from the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables, so the same code
 * talks to AWS or to the local stand-ins without asking which.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { attachDynamoObserver } from './dynamo-observer';

let clients: AwsClients | undefined;

export interface AwsClients {
  readonly dynamo: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly kms: KMSClient;
  readonly ses: SESv2Client;
  readonly sfn: SFNClient;
  readonly scheduler: SchedulerClient;
}

export function createAwsClients(): AwsClients {
  const dynamoClient = new DynamoDBClient({});
  attachDynamoObserver(dynamoClient);
  const dynamo = DynamoDBDocumentClient.from(dynamoClient, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return {
    dynamo,
    s3: new S3Client({
      forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
      // Without these, presigned PUTs carry an empty-body checksum that S3 rejects, and streamed
      // uploads are stored with chunk framing on the local stand-in (see docs/toolchain facts).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    kms: new KMSClient({}),
    ses: new SESv2Client({}),
    sfn: new SFNClient({}),
    scheduler: new SchedulerClient({}),
  };
}

/** The shared clients for this process. */
export function awsClients(): AwsClients {
  clients ??= createAwsClients();
  return clients;
}
