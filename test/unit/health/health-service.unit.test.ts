/** Error paths of the health check, with the SDK clients mocked (the happy path runs against stand-ins). */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand, KMSClient, NotFoundException } from '@aws-sdk/client-kms';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetScheduleGroupCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { HealthService } from '../../../lib/health/health-service';
import type { AwsClients } from '../../../lib/platform/aws-clients';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);
const kmsMock = mockClient(KMSClient);
const sesMock = mockClient(SESv2Client);
const sfnMock = mockClient(SFNClient);
const schedulerMock = mockClient(SchedulerClient);

const clients: AwsClients = {
  dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })),
  s3: new S3Client({ region: 'eu-west-2' }),
  kms: new KMSClient({ region: 'eu-west-2' }),
  ses: new SESv2Client({ region: 'eu-west-2' }),
  sfn: new SFNClient({ region: 'eu-west-2' }),
  scheduler: new SchedulerClient({ region: 'eu-west-2' }),
};
const targets = {
  tableName: 'table',
  vaultBucket: 'vault',
  dataKeyId: 'alias/data',
  stateMachineArn: 'arn:aws:states:eu-west-2:1:stateMachine:t',
  scheduleGroupName: 'group',
};

beforeEach(() => {
  for (const mock of [dynamoMock, s3Mock, kmsMock, sesMock, sfnMock, schedulerMock]) mock.reset();
  dynamoMock.on(DescribeTableCommand).resolves({});
  s3Mock.on(HeadBucketCommand).resolves({});
  kmsMock.on(DescribeKeyCommand).resolves({});
  sesMock.on(GetAccountCommand).resolves({});
  sfnMock.on(DescribeStateMachineCommand).resolves({});
  schedulerMock.on(GetScheduleGroupCommand).resolves({});
});

it('checks each dependency against the configured resource', async () => {
  const report = await new HealthService(clients, targets).report();
  expect(report.status).toBe('ok');
  expect(dynamoMock).toHaveReceivedCommandWith(DescribeTableCommand, { TableName: 'table' });
  expect(kmsMock).toHaveReceivedCommandWith(DescribeKeyCommand, { KeyId: 'alias/data' });
  expect(sfnMock).toHaveReceivedCommandWith(DescribeStateMachineCommand, {
    stateMachineArn: targets.stateMachineArn,
  });
});

it('reports degraded, naming only the error type, when one dependency fails', async () => {
  kmsMock
    .on(DescribeKeyCommand)
    .rejects(new NotFoundException({ message: 'key arn:aws:kms:secret-detail', $metadata: {} }));
  const report = await new HealthService(clients, targets).report();
  expect(report.status).toBe('degraded');
  const kms = report.dependencies.find((dependency) => dependency.name === 'kms');
  expect(kms).toMatchObject({ status: 'down', detail: 'NotFoundException' });
  expect(JSON.stringify(report)).not.toContain('secret-detail');
  expect(report.dependencies.filter((dependency) => dependency.status === 'ok')).toHaveLength(5);
});

it('marks a dependency down when it does not answer before the deadline', async () => {
  sesMock.on(GetAccountCommand).callsFake(
    (_input, getClient) =>
      new Promise((_resolve, reject) => {
        void getClient;
        setTimeout(() => reject(Object.assign(new Error('late'), { name: 'TimeoutError' })), 200);
      }),
  );
  const report = await new HealthService(clients, targets, 50).report();
  expect(report.dependencies.find((dependency) => dependency.name === 'ses')?.status).toBe('down');
});

it('reports mail down when the SES account has sending paused', async () => {
  sesMock.on(GetAccountCommand).resolves({ SendingEnabled: false });
  const report = await new HealthService(clients, targets).report();
  expect(report.dependencies.find((dependency) => dependency.name === 'ses')).toMatchObject({
    status: 'down',
    detail: 'SendingPaused',
  });
});
