/**
 * The transfer lifecycle across two schools, through the public API and the real state machine file
 * running on the local Step Functions endpoint (its steps call the deployable task handler): detection,
 * request, authorisation, the copy, receipt; each other branch (reject, dismiss, cancel, obsolete);
 * what is never detected; and the clear answers to decisions that come from the wrong side, twice or
 * too late.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { MisImportRepository } from '../../../lib/mis/import-repository';
import type { Category } from '../../../lib/categories/category';
import { STATE_MACHINES } from '../../../lib/config/function-manifest';
import type { RollPupil } from '../../../lib/mis/import-record';
import { PupilRepository } from '../../../lib/pupils/pupil-repository';
import { upnCheckLetter } from '../../../lib/pupils/uk-identifiers';
import type { Pupil } from '../../../lib/pupils/pupil';
import type { Transfer } from '../../../lib/transfers/transfer';
import type { TransferListing } from '../../../lib/transfers/transfer-repository';
import { AuditLog } from '../../../lib/audit/audit-log';
import { TransferLifecycle } from '../../../lib/transfers/transfer-lifecycle';
import {
  createTransferServices,
  deliverStatus,
  type TransferServices,
} from '../../../lib/transfers/transfer-services';
import type { TransferView } from '../../../lib/transfers/transfers-api';
import {
  applySubstitutions,
  invokeFunctionByArn,
  localDefinitionSubstitutions,
  REPOSITORY_ROOT,
} from '../../../local/lambda-invoker';
import { startStepFunctionsServer } from '../../../local/standins/stepfunctions-server';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';
import {
  actionBody,
  categoriesOf,
  incidentBody,
  mailTo,
  type Problem,
} from '../incidents/incident-test-support';

jest.setTimeout(120_000);

let harness: ApiHarness;
let server: Awaited<ReturnType<typeof startStepFunctionsServer>>;
let sfn: SFNClient;
let services: TransferServices;
let pupils: PupilRepository;
/** Oakfield's DSL: the previous school. */
let dana: StaffClient;
/** The trust DSL, signed in at Riverside: the new school. */
let priya: StaffClient;
let oakfield: string;
let riverside: string;
let category: (name: string, parent?: string) => Category;
let serial = 100;

beforeAll(async () => {
  const machine = STATE_MACHINES.find((candidate) => candidate.id === 'transfer')!;
  const source = await readFile(join(REPOSITORY_ROOT, machine.definitionFile), 'utf8');
  server = await startStepFunctionsServer({
    port: 0,
    region: 'eu-west-2',
    stateMachines: [
      { name: 'lantern-transfer', definition: applySubstitutions(source, localDefinitionSubstitutions()) },
    ],
    invokeLambda: invokeFunctionByArn,
    waitTimeOverrides: false,
  });
  // This suite's own endpoint, so the steps run in this process against this suite's table.
  process.env.AWS_ENDPOINT_URL_SFN = server.url;
  process.env.LANTERN_IT_TRANSFER_STATE_MACHINE_ARN = server.stateMachineArn('lantern-transfer');
  harness = await startApiHarness();
  sfn = new SFNClient({ endpoint: server.url });
  services = createTransferServices(servicesOptions());
  pupils = new PupilRepository(harness.table.dynamo, harness.table.tableName);
  dana = await signInElevated(harness.baseUrl, 'dana');
  oakfield = dana.schoolId;
  const ravi = await signInAs(harness.baseUrl, demoStaff('ravi'));
  riverside = ravi.schoolId;
  priya = await signInElevated(harness.baseUrl, 'priya', riverside);
  category = await categoriesOf(harness.table, oakfield);
});

/** The services as the import task builds them, on this suite's table and Step Functions endpoint. */
function servicesOptions() {
  return {
    dynamo: harness.table.dynamo,
    sfn,
    ses: new SESv2Client({}),
    s3: new S3Client({ forcePathStyle: true }),
    tableName: harness.table.tableName,
    stateMachineArn: server.stateMachineArn('lantern-transfer'),
    mailFrom: process.env.MAIL_FROM!,
    appBaseUrl: 'http://localhost:3000',
    vaultBucket: process.env.VAULT_BUCKET!,
    vaultKeyId: process.env.VAULT_KEY_ID!,
  };
}

afterAll(async () => {
  await server.close();
  await harness.close();
});

/** A valid permanent UPN, different each call. */
function permanentUpn(): string {
  serial += 1;
  const body = `99900${String(serial).padStart(6, '0')}1`;
  return `${upnCheckLetter(body)}${body}`;
}

function temporaryUpn(): string {
  serial += 1;
  const body = `99900${String(serial).padStart(6, '0')}A`;
  return `${upnCheckLetter(body)}${body}`;
}

async function addPupilWith(schoolId: string, fields: Partial<Pupil>): Promise<Pupil> {
  const at = new Date().toISOString();
  const pupil: Pupil = {
    pupilId: randomUUID(),
    schoolId,
    legalForename: 'Maisie',
    legalSurname: 'Okafor',
    dateOfBirth: '2014-03-02',
    gender: 'F',
    classIds: [],
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...fields,
  };
  await pupils.create(pupil);
  return pupil;
}

async function archive(pupil: Pupil): Promise<Pupil> {
  const next = { ...pupil, archived: true, leavingDate: '2026-10-23', version: pupil.version + 1 };
  await pupils.update(next, pupil);
  return next;
}

function roll(pupil: Pupil): RollPupil {
  return {
    pupilId: pupil.pupilId,
    ...(pupil.upn ? { upn: pupil.upn } : {}),
    ...(pupil.uln ? { uln: pupil.uln } : {}),
    dateOfBirth: pupil.dateOfBirth,
  };
}

interface Move {
  readonly previous: Pupil;
  readonly next: Pupil;
  readonly incidentIds: string[];
}

/**
 * A pupil who left Oakfield (with a Bullying incident and an action, and a Home issues incident) and is
 * active at Riverside with the same UPN; Riverside's import has just run.
 */
async function movedPupil(
  options: { upn?: string; records?: boolean; admissionDate?: string } = {},
): Promise<Move> {
  const upn = options.upn ?? permanentUpn();
  let previous = await addPupilWith(oakfield, { upn });
  const incidentIds: string[] = [];
  if (options.records !== false) {
    const bullying = incidentBody(previous.pupilId, [category('Bullying').categoryId]);
    expect((await dana.json('POST', '/api/incidents', bullying)).status).toBe(201);
    expect(
      (await dana.json('POST', `/api/incidents/${bullying.incidentId}/actions`, actionBody(previous.pupilId)))
        .status,
    ).toBe(201);
    const home = incidentBody(previous.pupilId, [category('Home issues').categoryId]);
    expect((await dana.json('POST', '/api/incidents', home)).status).toBe(201);
    incidentIds.push(bullying.incidentId, home.incidentId);
  }
  previous = await archive(previous);
  const next = await addPupilWith(riverside, {
    upn,
    admissionDate: options.admissionDate ?? '2026-11-02',
  });
  return { previous, next, incidentIds };
}

async function detect(move: Move): Promise<number> {
  const summary = await services.detector.detectFor(riverside, {
    archived: [],
    activated: [roll(move.next)],
  });
  return summary.detected;
}

async function listed(client: StaffClient, query = ''): Promise<TransferListing[]> {
  const response = await client.json<{ items: TransferListing[] }>('GET', `/api/admin/transfers${query}`);
  expect(response.status).toBe(200);
  return response.body.items;
}

async function listingFor(client: StaffClient, move: Move): Promise<TransferListing> {
  const found = (await listed(client)).find(
    (item) => item.pupilId === move.previous.pupilId || item.pupilId === move.next.pupilId,
  );
  if (!found) throw new Error('The transfer is not listed');
  return found;
}

/** Waits until the execution holds a token for this stage (the state machine is waiting there). */
async function waitingFor(transferId: string, stage: 'request' | 'authorisation'): Promise<void> {
  await until(
    async () => ((await services.transfers.token(transferId))?.stage === stage ? true : undefined),
    `the ${stage} wait`,
  );
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

async function executionStatus(transferId: string): Promise<string> {
  return until(async () => {
    const execution = await sfn.send(
      new DescribeExecutionCommand({
        executionArn:
          server.stateMachineArn('lantern-transfer').replace(':stateMachine:', ':execution:') +
          `:${transferId}`,
      }),
    );
    return execution.status === 'RUNNING' ? undefined : execution.status;
  }, 'the execution to end');
}

interface ChronologyItem {
  text: string;
  recordedBy: { name: string };
  transferredFrom?: { schoolName: string };
  actions: { text: string }[];
}

async function chronologyOf(client: StaffClient, pupilId: string): Promise<ChronologyItem[]> {
  const page = await client.json<{ items: ChronologyItem[] }>('GET', `/api/chronology/${pupilId}`);
  expect(page.status).toBe(200);
  return page.body.items;
}

/** Gives the school's DSL group view permissions on every Legacy category, as the seed guide says to. */
async function grantLegacy(
  client: StaffClient,
): Promise<{ categoryId: string; name: string; disabled: boolean }[]> {
  const categories = await client.json<{
    items: { categoryId: string; name: string; parentId?: string; disabled: boolean }[];
  }>('GET', '/api/admin/categories');
  const top = categories.body.items.find((entry) => entry.name === 'Legacy' && !entry.parentId)!;
  const legacy = categories.body.items.filter((entry) => entry === top || entry.parentId === top.categoryId);
  const groups = await client.json<{
    items: ({ groupId: string; name: string; version: number } & Record<string, unknown>)[];
  }>('GET', '/api/admin/user-groups');
  const dsl = groups.body.items.find((group) => group.name === 'Designated Safeguarding Leads')!;
  const permissions = dsl.categoryPermissions as Record<string, { viewIncidents: boolean }>;
  // A new category reaches no group: not even the group's default for new categories.
  for (const entry of legacy) expect(permissions[entry.categoryId]).toBeUndefined();
  const view = { viewStudents: true, viewIncidents: true, addIncidents: false };
  const updated = await client.json('PUT', `/api/admin/user-groups/${dsl.groupId}`, {
    name: dsl.name,
    description: dsl.description,
    systemPermissions: dsl.systemPermissions,
    categoryPermissions: {
      ...permissions,
      ...Object.fromEntries(legacy.map((entry) => [entry.categoryId, view])),
    },
    newCategoryDefault: dsl.newCategoryDefault,
    version: dsl.version,
  });
  expect(updated.status).toBe(200);
  return legacy;
}

async function decide(client: StaffClient, transferId: string, decision: string, body: unknown = {}) {
  // A decision answers a TransferView (200) or a problem (4xx): read the fields either may have.
  return client.json<Omit<TransferView, 'status'> & { status: string; detail?: string }>(
    'POST',
    `/api/admin/transfers/${transferId}/${decision}`,
    body,
  );
}

it('runs the whole lifecycle: detected, requested, authorised, copied under the settings in force, received', async () => {
  const move = await movedPupil();
  expect(await detect(move)).toBe(1);
  const incoming = await listingFor(priya, move);
  expect(incoming).toMatchObject({
    direction: 'incoming',
    status: 'Pending',
    pupilId: move.next.pupilId,
    otherSchoolName: 'Oakfield Primary School (demo)',
    matchedOn: { kind: 'upn', value: move.next.upn },
  });
  const { transferId } = incoming;
  expect(await listingFor(dana, move)).toMatchObject({
    direction: 'outgoing',
    status: 'Pending',
    transferId,
  });
  // Riverside's transfer administrators were told, without the pupil's name.
  const told = await until(async () => {
    const mails = (await mailTo(demoStaff('priya').email)).filter((mail) =>
      mail.body.text.includes(transferId),
    );
    return mails.length > 0 ? mails : undefined;
  }, 'the detection mail');
  expect(told[0]!.subject).toBe('A record transfer is ready for your school to request');
  expect(told[0]!.body.text).not.toContain('Maisie');

  // Oakfield cannot request its own outgoing transfer, and cannot authorise before a request.
  const wrongSide = await decide(dana, transferId, 'request');
  expect(wrongSide.status).toBe(409);
  expect(wrongSide.body.detail).toContain('Only the new school');
  expect((await decide(dana, transferId, 'authorise')).status).toBe(409);

  await waitingFor(transferId, 'request');
  const requested = await decide(priya, transferId, 'request');
  expect(requested.status).toBe(200);
  expect(requested.body).toMatchObject({ status: 'Requested', direction: 'incoming', allowed: ['cancel'] });
  expect(requested.body.clock?.dueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const again = await decide(priya, transferId, 'request');
  expect(again.status).toBe(409);
  expect(again.body.detail).toContain('already requested');

  // Only Bullying transfers; the settings in force at authorisation are what the copy uses.
  const settings = await dana.json<{ version: number }>('GET', '/api/admin/transfers/settings');
  expect(settings.body).toMatchObject({ categoryIds: [], version: 0 });
  expect(
    (
      await dana.json('PUT', '/api/admin/transfers/settings', {
        categoryIds: [category('Bullying').categoryId],
        version: 0,
      })
    ).status,
  ).toBe(200);
  await waitingFor(transferId, 'authorisation');
  expect((await decide(priya, transferId, 'authorise')).status).toBe(409);
  const authorised = await decide(dana, transferId, 'authorise');
  expect(authorised.status).toBe(200);
  expect(authorised.body.settingsAtAuthorisation).toEqual({
    categories: [{ categoryId: category('Bullying').categoryId, name: 'Bullying' }],
  });
  const twice = await decide(dana, transferId, 'authorise');
  expect(twice.status).toBe(409);
  expect(twice.body.detail).toContain('already authorised by Dana Shah on ');
  expect((await decide(dana, transferId, 'reject')).status).toBe(409);

  expect(await executionStatus(transferId)).toBe('SUCCEEDED');
  const done = await priya.json<TransferView>('GET', `/api/admin/transfers/${transferId}`);
  expect(done.body.status).toBe('Transferred');
  expect(done.body.manifest?.counts).toEqual({ incidents: 1, actions: 1, files: 0 });
  expect(done.body.allowed).toEqual(['confirm-receipt']);

  // Only the Bullying incident arrived, under Riverside's own pupil, in disabled Legacy categories that
  // nobody may read until an admin grants them.
  const before = await chronologyOf(priya, move.next.pupilId);
  expect(before).toEqual([]);
  const legacy = await grantLegacy(priya);
  expect(legacy.map((entry) => entry.name).sort()).toEqual(['Bullying', 'Legacy']);
  expect(legacy.every((entry) => entry.disabled)).toBe(true);
  const after = await chronologyOf(priya, move.next.pupilId);
  expect(after).toHaveLength(1);
  expect(after[0]).toMatchObject({
    text: 'Seen crying at the gate; said an older pupil took her phone and posted a photo of her.',
    recordedBy: { name: 'Oakfield Primary School (demo)' },
    transferredFrom: { schoolName: 'Oakfield Primary School (demo)' },
  });
  expect(after[0]!.actions.map((action) => action.text)).toEqual([
    'Phoned mum; meeting booked for Thursday.',
  ]);

  const confirmed = await priya.json<TransferView>('POST', `/api/admin/transfers/${transferId}/receipt`, {});
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.receipt).toMatchObject({ confirmedBy: { name: 'Priya Nair' }, schoolId: riverside });
  const reconfirmed = await priya.json<Problem & { detail: string }>(
    'POST',
    `/api/admin/transfers/${transferId}/receipt`,
    {},
  );
  expect(reconfirmed.status).toBe(409);
  expect(reconfirmed.body.detail).toContain('already confirmed');
  const seenByOakfield = await dana.json<TransferView>('GET', `/api/admin/transfers/${transferId}`);
  expect(seenByOakfield.body).toMatchObject({
    direction: 'outgoing',
    status: 'Transferred',
    receipt: { confirmedBy: { name: 'Priya Nair' } },
    manifest: { counts: { incidents: 1, actions: 1, files: 0 } },
  });
  // The steps are on both schools' audit trails.
  const audit = await dana.json<{ items: { action: string }[] }>(
    'GET',
    `/api/audit/pupils/${move.previous.pupilId}`,
  );
  expect(audit.body.items.map((event) => event.action)).toEqual(
    expect.arrayContaining([
      'transfer.detect',
      'transfer.request',
      'transfer.authorise',
      'transfer.copy',
      'transfer.receipt',
    ]),
  );
});

it('ends as Rejected when the previous school rejects, and nothing is copied', async () => {
  const move = await movedPupil();
  await detect(move);
  const { transferId } = await listingFor(priya, move);
  await waitingFor(transferId, 'request');
  expect((await decide(priya, transferId, 'request')).status).toBe(200);
  await waitingFor(transferId, 'authorisation');
  const rejected = await decide(dana, transferId, 'reject', { note: 'Wrong pupil: please check the UPN' });
  expect(rejected.status).toBe(200);
  expect(rejected.body.status).toBe('Rejected');
  expect(await executionStatus(transferId)).toBe('SUCCEEDED');
  expect((await decide(dana, transferId, 'authorise')).status).toBe(409);
  const seen = await priya.json<Transfer>('GET', `/api/admin/transfers/${transferId}`);
  expect(seen.body.manifest).toBeUndefined();
  expect(seen.body.history.at(-1)).toMatchObject({
    status: 'Rejected',
    note: 'Wrong pupil: please check the UPN',
  });
});

it('ends as Dismissed when the new school does not want the records', async () => {
  const move = await movedPupil();
  await detect(move);
  const { transferId } = await listingFor(priya, move);
  await waitingFor(transferId, 'request');
  expect((await decide(priya, transferId, 'dismiss')).body.status).toBe('Dismissed');
  expect(await executionStatus(transferId)).toBe('SUCCEEDED');
  expect((await decide(priya, transferId, 'request')).status).toBe(409);
});

it('ends as Cancelled when the new school withdraws its request', async () => {
  const move = await movedPupil();
  await detect(move);
  const { transferId } = await listingFor(priya, move);
  await waitingFor(transferId, 'request');
  await decide(priya, transferId, 'request');
  await waitingFor(transferId, 'authorisation');
  expect((await decide(priya, transferId, 'cancel')).body.status).toBe('Cancelled');
  expect(await executionStatus(transferId)).toBe('SUCCEEDED');
  const late = await decide(dana, transferId, 'authorise');
  expect(late.status).toBe(409);
  expect(late.body.detail).toContain('Cancelled');
});

it('becomes Obsolete when the pupil leaves the new school too, or is back on the previous roll at authorisation', async () => {
  const leaves = await movedPupil();
  await detect(leaves);
  const first = (await listingFor(priya, leaves)).transferId;
  await waitingFor(first, 'request');
  const archivedThere = await archive(leaves.next);
  const summary = await services.detector.detectFor(riverside, {
    archived: [roll(archivedThere)],
    activated: [],
  });
  expect(summary.obsolete).toBe(1);
  expect(await executionStatus(first)).toBe('SUCCEEDED');
  expect((await listingFor(priya, leaves)).status).toBe('Obsolete');

  const returns = await movedPupil();
  await detect(returns);
  const second = (await listingFor(priya, returns)).transferId;
  await waitingFor(second, 'request');
  await decide(priya, second, 'request');
  await waitingFor(second, 'authorisation');
  // Back on Oakfield's roll (its import has not run yet): authorising is refused and nothing is sent.
  await pupils.update(
    { ...returns.previous, archived: false, version: returns.previous.version + 1 },
    returns.previous,
  );
  const refused = await decide(dana, second, 'authorise');
  expect(refused.status).toBe(409);
  expect(refused.body.detail).toContain('obsolete');
  expect(await executionStatus(second)).toBe('SUCCEEDED');
  expect((await listingFor(dana, returns)).status).toBe('Obsolete');
});

it('detects nothing for a temporary UPN, for a pupil with nothing to transfer, or before the start date', async () => {
  expect(await detect(await movedPupil({ upn: temporaryUpn() }))).toBe(0);
  expect(await detect(await movedPupil({ records: false }))).toBe(0);
  const early = await movedPupil({ admissionDate: '2099-09-01' });
  const summary = await services.detector.detectFor(riverside, {
    archived: [],
    activated: [roll(early.next)],
  });
  expect(summary).toMatchObject({ detected: 0, deferred: 1 });
  const everyone = [...(await listed(priya)), ...(await listed(dana))].map((item) => item.pupilId);
  expect(everyone).not.toContain(early.next.pupilId);
  expect(everyone).not.toContain(early.previous.pupilId);

  // Once the start date has come, a later run (after any school's import) finds the deferred pair.
  const later = createTransferServices({ ...servicesOptions(), now: () => new Date('2099-09-01T07:00:00Z') });
  const due = await later.detector.run();
  expect(due.detected).toBe(1);
  expect((await listed(priya)).map((item) => item.pupilId)).toContain(early.next.pupilId);
  expect((await later.detector.run()).detected).toBe(0);
});

it('takes the roll changes an import left pending, detects from them once, and leaves none pending', async () => {
  const move = await movedPupil();
  const imports = new MisImportRepository(harness.table.dynamo, harness.table.tableName);
  await imports.recordRollChanges({
    schoolId: riverside,
    importId: randomUUID(),
    at: new Date().toISOString(),
    archived: [],
    activated: [roll(move.next)],
  });
  const first = await services.detector.run();
  expect(first).toMatchObject({ changesTaken: 1, detected: 1 });
  expect((await listingFor(priya, move)).status).toBe('Pending');
  expect(await services.detector.run()).toMatchObject({ changesTaken: 0, detected: 0 });
});

it('answers people without the permission or without a key with 403, and another school with 404', async () => {
  const move = await movedPupil();
  await detect(move);
  const { transferId } = await listingFor(priya, move);
  const tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  expect((await tom.request('GET', '/api/admin/transfers')).status).toBe(403);
  expect((await tom.request('POST', `/api/admin/transfers/${transferId}/authorise`, {})).status).toBe(403);
  const danaWithoutKey = await signInAs(harness.baseUrl, demoStaff('dana'));
  expect(
    (await danaWithoutKey.request('POST', `/api/admin/transfers/${transferId}/authorise`, {})).status,
  ).toBe(403);
  const nowhere = await dana.json<Problem>('GET', `/api/admin/transfers/${randomUUID()}`);
  expect(nowhere.status).toBe(404);
  const badSettings = await dana.json<Problem>('PUT', '/api/admin/transfers/settings', {
    categoryIds: ['not-a-category'],
    version: 0,
  });
  expect(badSettings.status).toBe(400);
  expect(badSettings.body.errors?.[0]?.field).toBe('body.categoryIds.0');
});

it('reminds the previous school before day 5 and escalates after it, on the state machine’s own timers', async () => {
  const move = await movedPupil();
  await detect(move);
  const { transferId } = await listingFor(priya, move);
  await waitingFor(transferId, 'request');
  // The same request as the API makes, with a clock whose day 4 and day 6 mornings are seconds away.
  const audit = new AuditLog(harness.table.dynamo, harness.table.tableName);
  const soon = new TransferLifecycle({
    transfers: services.transfers,
    audit,
    notifier: services.notifier,
    deliver: (token, status) => deliverStatus(sfn, token, status),
    clockFor: (_schoolId, requestedAt) =>
      Promise.resolve({
        requestedAt,
        newTerm: false,
        dayOne: requestedAt.slice(0, 10),
        dueBy: requestedAt.slice(0, 10),
        remindAt: new Date(Date.now() + 3_000).toISOString(),
        escalateAt: new Date(Date.now() + 6_000).toISOString(),
      }),
    pupil: (schoolId, pupilId) => pupils.get(schoolId, pupilId),
    categoryNames: () => Promise.resolve(new Map<string, string>()),
  });
  await soon.decide(
    {
      audit: {
        schoolId: riverside,
        personId: priya.personId,
        actorName: 'Priya Nair',
        sourceIp: 'test',
        userAgent: 'test',
        requestId: randomUUID(),
      },
      staff: { personId: priya.personId, name: 'Priya Nair' },
    },
    transferId,
    'request',
  );
  const clock = await until(async () => {
    const transfer = await services.transfers.get(transferId);
    return transfer?.clock?.escalatedAt ? transfer.clock : undefined;
  }, 'the escalation');
  expect(clock.remindedAt).toBeDefined();
  expect(clock.remindedAt! < clock.escalatedAt!).toBe(true);
  // The escalation is mailed just after it is recorded.
  const danaMail = await until(async () => {
    const mails = (await mailTo(demoStaff('dana').email)).filter((mail) =>
      mail.body.text.includes(transferId),
    );
    return mails.some((mail) => mail.subject.startsWith('Overdue')) ? mails : undefined;
  }, 'the escalation mail');
  expect(danaMail.map((mail) => mail.subject)).toEqual(
    expect.arrayContaining([
      'A record transfer has been requested from your school',
      'Reminder: a requested record transfer is due within a school day',
      'Overdue: a requested record transfer has not been authorised within 5 school days',
    ]),
  );
  // Each timer fires once, and the new school hears that it is overdue.
  expect(danaMail.filter((mail) => mail.subject.startsWith('Reminder'))).toHaveLength(1);
  expect(
    danaMail.filter((mail) => mail.subject.startsWith('A record transfer has been requested')),
  ).toHaveLength(1);
  const priyaMail = (await mailTo(demoStaff('priya').email)).filter((mail) =>
    mail.body.text.includes(transferId),
  );
  expect(priyaMail.map((mail) => mail.subject)).toContain(
    'A record transfer your school requested is overdue at the previous school',
  );
  // Still waiting for the decision after the timers: authorising now works as ever.
  await waitingFor(transferId, 'authorisation');
  expect((await decide(dana, transferId, 'authorise')).status).toBe(200);
  expect(await executionStatus(transferId)).toBe('SUCCEEDED');
});
