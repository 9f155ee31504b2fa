/**
 * The scheduled sweeper finishes an alert outbox item a request left behind (its Lambda stopped after
 * the commit): the recipient's dashboard alert and mail arrive, and the item is gone. An item younger
 * than a minute is left to the request that wrote it. The task runs as its deployed handler module.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { alertOutboxWrite, type AlertOutbox } from '../../../lib/alerts/alert-outbox';
import { WORKFLOW_TASKS } from '../../../lib/config/function-manifest';
import { alertOutboxKeys } from '../../../lib/data/keys';
import { invokeLocalFunction } from '../../../local/lambda-invoker';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';
import { addPupil, categoriesOf, incidentBody, mailTo } from './incident-test-support';

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let pupilId: string;
let categoryId: string;

beforeAll(async () => {
  harness = await startApiHarness();
  dana = await signInElevated(harness.baseUrl, 'dana');
  tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  pupilId = await addPupil(harness.table, tom.schoolId, 'Nora', 'Sweep');
  categoryId = (await categoriesOf(harness.table, tom.schoolId))('Bullying').categoryId;
}, 60_000);

afterAll(async () => {
  await harness.close();
});

/** An incident committed without alerts, then an outbox item as if its request had died before delivery. */
async function incidentWithLeftOverOutbox(ageMs: number): Promise<AlertOutbox> {
  const body = incidentBody(pupilId, [categoryId]);
  expect((await tom.json('POST', '/api/incidents', body)).status).toBe(201);
  const outbox: AlertOutbox = {
    schoolId: tom.schoolId,
    incidentId: body.incidentId,
    event: { kind: 'incident' },
    pupilId,
    pupilDisplayName: 'Nora Sweep',
    categoryIds: [categoryId],
    categoryNames: ['Bullying'],
    alertedBy: { personId: tom.personId, name: 'Tom Reed' },
    createdAt: new Date(Date.now() - ageMs).toISOString(),
    recipients: [{ personId: dana.personId, name: 'Dana Shah', email: demoStaff('dana').email }],
  };
  await harness.table.dynamo.send(
    new TransactWriteCommand({ TransactItems: [alertOutboxWrite(harness.table.tableName, outbox)] }),
  );
  return outbox;
}

async function outboxStillThere(outbox: AlertOutbox): Promise<boolean> {
  const result = await harness.table.dynamo.send(
    new GetCommand({
      TableName: harness.table.tableName,
      Key: alertOutboxKeys.item(outbox.schoolId, outbox.incidentId, outbox.event),
    }),
  );
  return result.Item !== undefined;
}

it('delivers a left-over outbox item and leaves a fresh one to its request', async () => {
  const leftOver = await incidentWithLeftOverOutbox(2 * 60_000);
  const fresh = await incidentWithLeftOverOutbox(0);
  const task = WORKFLOW_TASKS.find((candidate) => candidate.id === 'alertOutboxSweep')!;

  const result = await invokeLocalFunction(task.entry, 'lantern-alertOutboxSweep', {});

  expect(result).toEqual({ delivered: 1, failed: 0 });
  expect(await outboxStillThere(leftOver)).toBe(false);
  expect(await outboxStillThere(fresh)).toBe(true);
  const view = await dana.json<{ unreadAlert?: { alertedBy: { name: string } } }>(
    'GET',
    `/api/incidents/${leftOver.incidentId}?pupilId=${pupilId}`,
  );
  expect(view.body.unreadAlert?.alertedBy.name).toBe('Tom Reed');
  const mails = (await mailTo(demoStaff('dana').email)).filter((mail) =>
    mail.body.text.includes(`/incidents/${leftOver.incidentId}?pupilId=${pupilId}`),
  );
  expect(mails.map((mail) => mail.subject)).toEqual(['Tom Reed alerted you to an incident (Bullying)']);
});
