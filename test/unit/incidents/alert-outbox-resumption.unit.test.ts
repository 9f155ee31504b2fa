/**
 * The incident is committed with its alert outbox; if delivery fails after the commit (the Lambda
 * stopping there looks the same to the data), the outbox stays, and a retry of the same request
 * delivers it without writing the incident again. DynamoDB and SES are mocked with aws-sdk-client-mock.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { AlertDelivery } from '../../../lib/alerts/alert-delivery';
import { AlertInbox } from '../../../lib/alerts/alert-inbox';
import { AlertOutboxRepository } from '../../../lib/alerts/alert-outbox-repository';
import { AuditLog } from '../../../lib/audit/audit-log';
import { IncidentConflictError } from '../../../lib/incidents/incident-errors';
import { IncidentRepository } from '../../../lib/incidents/incident-repository';
import { IncidentService } from '../../../lib/incidents/incident-service';
import { NewIncidentSchema } from '../../../lib/incidents/incident';
import type { Viewer } from '../../../lib/incidents/viewer';
import { MailService } from '../../../lib/mail/mail-service';
import { AT, DANA, HANNAH, NOW, PUPILS, SCHOOL, TOM, reference, teacherProfile } from './incident-fixtures';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const sesMock = mockClient(SESv2Client);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const TABLE = 'table';

/** What the mocked table holds: the items the transaction put, by key. */
const stored = new Map<string, Record<string, unknown>>();
const keyOf = (key: Record<string, unknown> | undefined) => `${String(key?.PK)}|${String(key?.SK)}`;

const viewer: Viewer = {
  actor: {
    schoolId: SCHOOL,
    personId: TOM,
    actorName: 'Tom Reed',
    sourceIp: '203.0.113.9',
    userAgent: 'tests',
    requestId: 'req-1',
  },
  access: teacherProfile(),
};

const input = NewIncidentSchema.parse({
  incidentId: '00000000-0000-4000-8000-0000000000e1',
  pupilId: HANNAH,
  text: 'Said an older pupil took her phone at break.',
  categoryIds: ['bullying'],
  occurredAt: AT,
  alerts: { personIds: [DANA] },
});

function service(): IncidentService {
  const outbox = new AlertOutboxRepository(dynamo, TABLE);
  const inbox = new AlertInbox(dynamo, TABLE);
  return new IncidentService({
    dynamo,
    tableName: TABLE,
    incidents: new IncidentRepository(dynamo, TABLE),
    pupils: {
      get: (_school, pupilId) => Promise.resolve(PUPILS.get(pupilId)),
      getMany: (_school, ids) => Promise.resolve(ids.flatMap((id) => PUPILS.get(id) ?? [])),
    },
    reference: () => Promise.resolve(reference()),
    keyHolder: () => Promise.resolve(true),
    categoryCheck: (schoolId, categoryId) => ({
      ConditionCheck: {
        TableName: TABLE,
        Key: { PK: `SCHOOL#${schoolId}`, SK: `CATEGORY#${categoryId}` },
        ConditionExpression: 'attribute_exists(PK)',
      },
    }),
    attachments: () => [],
    sharing: {
      prepare: () => Promise.reject(new Error('no files are shared in these tests')),
      discard: () => Promise.resolve(),
    },
    outbox,
    inbox,
    delivery: new AlertDelivery({
      inbox,
      outbox,
      mail: new MailService(new SESv2Client({ region: 'eu-west-2' }), 'no-reply@lantern.example.org'),
      appBaseUrl: 'https://lantern.example.org',
    }),
    audit: new AuditLog(dynamo, TABLE, () => NOW),
    now: () => NOW,
  });
}

beforeEach(() => {
  stored.clear();
  dynamoMock.reset();
  sesMock.reset();
  dynamoMock.on(GetCommand).callsFake((command: { Key?: Record<string, unknown> }) => {
    const item = stored.get(keyOf(command.Key));
    return item ? { Item: item } : {};
  });
  dynamoMock.on(UpdateCommand).resolves({ Attributes: { value: 42 } });
  dynamoMock.on(TransactWriteCommand).callsFake((command: { TransactItems?: Record<string, unknown>[] }) => {
    for (const write of command.TransactItems ?? []) {
      const put = write.Put as { Item: Record<string, unknown> } | undefined;
      if (put) stored.set(keyOf(put.Item), put.Item);
    }
    return {};
  });
  dynamoMock.on(DeleteCommand).callsFake((command: { Key?: Record<string, unknown> }) => {
    stored.delete(keyOf(command.Key));
    return {};
  });
  dynamoMock.on(PutCommand).resolves({});
  sesMock.on(SendEmailCommand).resolves({ MessageId: 'sent' });
});

const outboxKey = `SCHOOL#${SCHOOL}#ALERT_OUTBOX|${input.incidentId}#INCIDENT`;

it('leaves the outbox when delivery fails after the commit, and a retry of the request delivers it', async () => {
  dynamoMock.on(BatchWriteCommand).rejectsOnce(new Error('the Lambda stopped here')).resolves({});

  const first = await service().add(viewer, input);
  expect(first).toMatchObject({ created: true, receipt: { number: 42, incidentId: input.incidentId } });
  expect(stored.has(outboxKey)).toBe(true);
  expect(sesMock).not.toHaveReceivedCommand(SendEmailCommand);

  const retry = await service().add(viewer, input);
  expect(retry).toMatchObject({ created: false, receipt: { number: 42 } });
  // Nothing was written twice: one number, one transaction.
  expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 1);
  expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  // The alert reached Dana's dashboard and her inbox, and the outbox is gone.
  const alertPut = dynamoMock.commandCalls(BatchWriteCommand)[1]?.args[0].input.RequestItems?.[TABLE]?.[0];
  expect(alertPut?.PutRequest?.Item).toMatchObject({
    PK: `SCHOOL#${SCHOOL}#USER#${DANA}#DASH`,
    SK: `ALERT#${input.incidentId}`,
    alertedBy: { personId: TOM, name: 'Tom Reed' },
  });
  expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  const mail = sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input;
  expect(mail?.Destination?.ToAddresses).toEqual(['dana@oakfield.example.org']);
  expect(mail?.Content?.Simple?.Body?.Text?.Data).not.toContain('phone');
  expect(stored.has(outboxKey)).toBe(false);
});

it('refuses a different incident sent under a used id, writing nothing', async () => {
  dynamoMock.on(BatchWriteCommand).resolves({});
  await service().add(viewer, input);
  await expect(service().add(viewer, { ...input, text: 'Something else entirely.' })).rejects.toBeInstanceOf(
    IncidentConflictError,
  );
  expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
});
