/**
 * The MIS import against DynamoDB Local and the S3 stand-in through the real SDK clients: a first
 * import, the same extract again (nothing written), a small change (only it written), leavers
 * archived and restored, partial extracts, bad rows beside good ones, a crash part-way then a rerun
 * (the same table as an uninterrupted run), and one run at a time.
 */
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { accessKeys, misKeys, pupilKeys } from '../../../lib/data/keys';
import { LANTERN_EXTRACT_FORMAT, type MisExtract } from '../../../lib/mis/mis-extract';
import { createMisServices, type MisServices } from '../../../lib/mis/mis-services';
import { pupilIdFor } from '../../../lib/mis/pupil-plan';
import { toCtfXml } from '../../../lib/mis/formats/ctf-writer';
import { createTestTable, type TestTable } from '../../support/test-table';

const KEY = 'alias/lantern-vault';
let s3: S3Client;
let bucket: string;
const tables: TestTable[] = [];

beforeAll(async () => {
  s3 = new S3Client({ forcePathStyle: true });
  bucket = `extracts-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

afterAll(async () => {
  await Promise.all(tables.map((table) => table.drop()));
  s3.destroy();
});

async function servicesOn(options: { beforeWrite?: (step: string) => void; now?: () => Date } = {}) {
  const table = await createTestTable('mis');
  tables.push(table);
  return { table, ...open(table, options) };
}

function open(
  table: TestTable,
  options: { beforeWrite?: (step: string) => void; now?: () => Date } = {},
): MisServices {
  return createMisServices({
    dynamo: table.dynamo,
    s3,
    tableName: table.tableName,
    extractsBucket: bucket,
    keyId: KEY,
    ...options,
  });
}

/** Valid check letters, computed with lib/pupils/uk-identifiers.ts. */
const UPNS = ['B801200005001', 'Q801200005002', 'E801200005003', 'U801200005004', 'H801200005005'];

function extract(overrides: Partial<MisExtract> = {}): MisExtract {
  const pupil = (index: number, surname: string, forename: string) => ({
    id: `P${index}`,
    upn: UPNS[index]!,
    legalForename: forename,
    legalSurname: surname,
    dateOfBirth: '2013-04-0' + String(index + 1),
    gender: index % 2 === 0 ? ('F' as const) : ('M' as const),
    admissionDate: '2024-09-04',
    ncYear: '7',
    groupIds: ['Y7', index < 3 ? '7A' : '7B'],
    contacts: [
      {
        id: `C${index}`,
        name: `Parent of ${forename}`,
        relationship: 'Mother',
        phone: '07700 900' + String(100 + index),
        parentalResponsibility: true,
        priority: 1,
      },
    ],
    siblingIds: index === 1 ? ['P2'] : [],
    attendance: [
      { date: '2026-11-16', am: '/' as const, pm: '\\' as const },
      { date: '2026-11-17', am: 'N' as const, pm: 'N' as const },
    ],
  });
  return {
    format: LANTERN_EXTRACT_FORMAT,
    generatedAt: '2026-11-22T01:30:00Z',
    complete: true,
    groups: [
      { id: 'Y7', name: 'Year 7', kind: 'year' },
      { id: '7A', name: '7A', kind: 'tutor' },
      { id: '7B', name: '7B', kind: 'tutor' },
    ],
    pupils: [
      pupil(0, 'Okafor', 'Amara'),
      pupil(1, 'Nowak', 'Jan'),
      pupil(2, 'Nowak', 'Zofia'),
      pupil(3, 'Begum', 'Ruksana'),
      pupil(4, 'Evans', 'Cerys'),
    ],
    staff: [
      {
        id: 'S1',
        title: 'Ms',
        forename: 'Dana',
        surname: 'Reid',
        email: 'dana.reid@school.invalid',
        roles: ['DSL'],
      },
      { id: 'S2', forename: 'Tom', surname: 'Hart', roles: [] },
    ],
    ...overrides,
  };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

async function pushAndRun(services: MisServices, schoolId: string, value: unknown) {
  const received = await services.service.receive(
    schoolId,
    json(value),
    { mediaType: 'application/json' },
    'cred-1',
  );
  expect(received.record.status).toBe('received');
  const outcome = await services.service.run(schoolId, 'run-now');
  if (outcome.kind !== 'applied') throw new Error(`expected applied, got ${outcome.kind}`);
  return outcome.record;
}

async function partition(table: TestTable, pk: string): Promise<Record<string, unknown>[]> {
  const result = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return result.Items ?? [];
}

/** Every item but the import's own bookkeeping, without timestamps: what two runs must agree on. */
async function dataItems(table: TestTable): Promise<string[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.dynamo.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const bookkeeping = new Set(['MisImport', 'MisState', 'MisRollChanges', 'MisPupilIndex']);
  return items
    .filter((item) => !bookkeeping.has(String(item.itemType)))
    .map((item) => JSON.stringify(item, (key, value: unknown) => (/At$/.test(key) ? '' : value)))
    .sort();
}

describe('MIS import', () => {
  it('adds pupils with classes, contacts, siblings and attendance, and writes nothing for the same extract again', async () => {
    const { table, ...services } = await servicesOn();
    const schoolId = randomUUID();
    const first = await pushAndRun(services, schoolId, extract());
    expect(first.counts).toMatchObject({
      pupilsInExtract: 5,
      pupilsAdded: 5,
      pupilsUpdated: 0,
      classesAdded: 3,
      staffInExtract: 2,
    });
    expect(first.counts?.itemsWritten).toBeGreaterThan(40);

    const jan = pupilIdFor(schoolId, 'P1');
    const janItems = await partition(table, pupilKeys.partition(schoolId, jan));
    const types = janItems.map((item) => String(item.itemType)).sort();
    expect(types).toEqual(expect.arrayContaining(['Pupil', 'PupilContact', 'PupilLink', 'AttendanceMonth']));
    const profile = janItems.find((item) => item.itemType === 'Pupil');
    expect(profile).toMatchObject({
      legalSurname: 'Nowak',
      upn: UPNS[1],
      source: 'mis',
      misId: 'P1',
      tutorGroup: '7A',
      yearGroup: '7',
      archived: false,
    });
    expect((profile?.classIds as string[]).length).toBe(2);
    const link = janItems.find((item) => item.itemType === 'PupilLink');
    expect(link).toMatchObject({ kind: 'sibling', otherPupilId: pupilIdFor(schoolId, 'P2'), source: 'mis' });
    // The link is on both profiles although only Jan's row named Zofia.
    const zofiaLinks = (
      await partition(table, pupilKeys.partition(schoolId, pupilIdFor(schoolId, 'P2')))
    ).filter((item) => item.itemType === 'PupilLink');
    expect(zofiaLinks.map((item) => String(item.otherPupilId))).toEqual([jan]);

    const classes = (await partition(table, accessKeys.schoolPartition(schoolId))).filter(
      (item) => item.itemType === 'ClassGroup',
    );
    expect(classes.map((item) => String(item.name)).sort()).toEqual(['7A', '7B', 'Year 7']);
    expect(classes.every((item) => item.awaitingAccess === true)).toBe(true);
    const register = await partition(
      table,
      pupilKeys.classMembersPartition(schoolId, String(classes.find((item) => item.name === '7A')?.classId)),
    );
    expect(register).toHaveLength(3);
    expect(await partition(table, misKeys.staffPartition(schoolId))).toHaveLength(2);

    const again = await pushAndRun(services, schoolId, extract());
    expect(again.counts).toMatchObject({
      pupilsUnchanged: 5,
      pupilsAdded: 0,
      pupilsUpdated: 0,
      itemsWritten: 0,
    });
  });

  it('writes only what changed: a new surname moves the name tokens, a new phone rewrites one contact', async () => {
    const { table, ...services } = await servicesOn();
    const schoolId = randomUUID();
    await pushAndRun(services, schoolId, extract());
    const changed = extract();
    const pupils = changed.pupils.map((pupil) =>
      pupil.id === 'P3'
        ? { ...pupil, legalSurname: 'Rahman', contacts: [{ ...pupil.contacts[0]!, phone: '07700 900999' }] }
        : pupil,
    );
    const record = await pushAndRun(services, schoolId, { ...changed, pupils });
    expect(record.counts).toMatchObject({ pupilsUpdated: 1, pupilsUnchanged: 4, pupilsAdded: 0 });
    // Profile, the index entry, the contact, tokens begum→rahman (delete + put), class registers (2).
    expect(record.counts?.itemsWritten).toBeGreaterThan(3);
    expect(record.counts?.itemsWritten).toBeLessThan(12);

    const names = await partition(table, pupilKeys.nameTokenPartition(schoolId, 'ACTIVE'));
    expect(names.some((item) => String(item.SK).startsWith('rahman#'))).toBe(true);
    expect(names.some((item) => String(item.SK).startsWith('begum#'))).toBe(false);
    const contacts = (
      await partition(table, pupilKeys.partition(schoolId, pupilIdFor(schoolId, 'P3')))
    ).filter((item) => item.itemType === 'PupilContact');
    expect(contacts.map((item) => String(item.phone))).toEqual(['07700 900999']);
  });

  it('archives pupils a complete extract leaves out (never deletes), and restores them when they return', async () => {
    const { table, ...services } = await servicesOn();
    const schoolId = randomUUID();
    await pushAndRun(services, schoolId, extract());
    const withoutCerys = extract({ pupils: extract().pupils.filter((pupil) => pupil.id !== 'P4') });
    const left = await pushAndRun(services, schoolId, withoutCerys);
    expect(left.counts).toMatchObject({ pupilsArchived: 1, pupilsUnchanged: 4 });
    const cerys = pupilIdFor(schoolId, 'P4');
    const profile = (await partition(table, pupilKeys.partition(schoolId, cerys))).find(
      (item) => item.itemType === 'Pupil',
    );
    expect(profile).toMatchObject({ archived: true, legalSurname: 'Evans' });
    const archivedNames = await partition(table, pupilKeys.nameTokenPartition(schoolId, 'ARCHIVED'));
    expect(archivedNames.some((item) => item.pupilId === cerys)).toBe(true);
    const roll = await partition(table, misKeys.rollChangesPartition(schoolId));
    expect(
      roll.some((item) =>
        (item.archived as { pupilId: string; upn?: string }[]).some(
          (entry) => entry.pupilId === cerys && entry.upn === UPNS[4],
        ),
      ),
    ).toBe(true);

    // A partial extract never archives.
    const partial = await pushAndRun(
      services,
      schoolId,
      extract({ complete: false, pupils: extract().pupils.slice(0, 1) }),
    );
    expect(partial.counts).toMatchObject({ pupilsArchived: 0, itemsWritten: 0 });

    const back = await pushAndRun(services, schoolId, extract());
    expect(back.counts).toMatchObject({ pupilsRestored: 1 });
    const restored = (await partition(table, pupilKeys.partition(schoolId, cerys))).find(
      (item) => item.itemType === 'Pupil',
    );
    expect(restored).toMatchObject({ archived: false });
  });

  it('archives a pupil whose leaving date has come, keeping the date', async () => {
    const { table, ...services } = await servicesOn();
    const schoolId = randomUUID();
    const leaving = extract();
    leaving.pupils[0] = { ...leaving.pupils[0]!, leavingDate: '2026-07-20' };
    const record = await pushAndRun(services, schoolId, leaving);
    expect(record.counts).toMatchObject({ pupilsAdded: 5, pupilsArchived: 1 });
    const profile = (await partition(table, pupilKeys.partition(schoolId, pupilIdFor(schoolId, 'P0')))).find(
      (item) => item.itemType === 'Pupil',
    );
    expect(profile).toMatchObject({ archived: true, leavingDate: '2026-07-20' });
  });

  it('skips and reports bad rows, applies the good ones, and does not archive a pupil whose row was bad', async () => {
    const { table, ...services } = await servicesOn();
    const schoolId = randomUUID();
    await pushAndRun(services, schoolId, extract());
    const bad = extract();
    bad.pupils[1] = { ...bad.pupils[1]!, upn: 'A801200005002', legalSurname: 'Changed' };
    bad.pupils[2] = { ...bad.pupils[2]!, dateOfBirth: '2013-02-30' };
    const record = await pushAndRun(services, schoolId, bad);
    expect(record.counts).toMatchObject({ rowsSkipped: 2, pupilsArchived: 0, pupilsUnchanged: 3 });
    expect(record.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'pupils', row: 2, misId: 'P1', field: 'upn', severity: 'error' }),
        expect.objectContaining({
          section: 'pupils',
          row: 3,
          misId: 'P2',
          field: 'dateOfBirth',
          severity: 'error',
        }),
      ]),
    );
    expect(JSON.stringify(record.problems)).not.toMatch(/Nowak|Zofia|Changed/);
    const jan = (await partition(table, pupilKeys.partition(schoolId, pupilIdFor(schoolId, 'P1')))).find(
      (item) => item.itemType === 'Pupil',
    );
    expect(jan).toMatchObject({ legalSurname: 'Nowak', archived: false });
  });

  it('rejects a structurally broken extract whole, logging it, and changes nothing', async () => {
    const { table, ...services } = await servicesOn();
    const schoolId = randomUUID();
    const received = await services.service.receive(
      schoolId,
      Buffer.from('{"format": "lantern-mis-extract/1", "pupils": '),
      { mediaType: 'application/json' },
      'cred-1',
    );
    expect(received.record.status).toBe('rejected');
    expect(received.record.rejection?.field).toBe('body');
    expect(await services.service.run(schoolId, 'run-now')).toEqual({ kind: 'nothing-new' });
    expect(await partition(table, pupilKeys.nameTokenPartition(schoolId, 'ACTIVE'))).toHaveLength(0);
    const log = await services.imports.list(schoolId, 10);
    expect(log.items.map((item) => item.status)).toEqual(['rejected']);
  });

  it('ends, after a crash part-way and a second run, exactly where an uninterrupted import ends', async () => {
    const schoolId = randomUUID();
    const clean = await servicesOn();
    await pushAndRun(clean, schoolId, extract());
    await pushAndRun(
      clean,
      schoolId,
      extract({
        pupils: extract().pupils.map((pupil) =>
          pupil.id === 'P0' ? { ...pupil, legalSurname: 'Okafor-Bello' } : pupil,
        ),
      }),
    );

    let crash = false;
    const crashing = await servicesOn({
      beforeWrite: (step) => {
        if (crash && step === 'profile') throw new Error('simulated crash');
      },
    });
    await pushAndRun(crashing, schoolId, extract());
    crash = true;
    await crashing.service.receive(
      schoolId,
      json(
        extract({
          pupils: extract().pupils.map((pupil) =>
            pupil.id === 'P0' ? { ...pupil, legalSurname: 'Okafor-Bello' } : pupil,
          ),
        }),
      ),
      { mediaType: 'application/json' },
      'cred-1',
    );
    const failed = await crashing.service.run(schoolId, 'schedule');
    expect(failed.kind).toBe('failed');
    const state = await crashing.imports.state(schoolId);
    expect(state.leaseImportId).toBeUndefined();
    crash = false;
    const resumed = await crashing.service.run(schoolId, 'schedule');
    expect(resumed.kind).toBe('applied');
    expect(await dataItems(crashing.table)).toEqual(await dataItems(clean.table));
    const after = await crashing.service.run(schoolId, 'run-now');
    expect(after.kind === 'applied' && after.record.counts?.itemsWritten).toBe(0);
  });

  it('lets the full feed take over a pupil first imported from a CTF (same pupil, by UPN), and keeps a later CTF from overwriting it', async () => {
    const { table, ...services } = await servicesOn();
    const schoolId = randomUUID();
    const ctf = (pupils: MisExtract['pupils']) =>
      Buffer.from(
        toCtfXml(extract({ complete: false, pupils, staff: [] }), {
          sourceLea: '801',
          sourceEstab: '2000',
          schoolName: 'Previous school',
        }),
      );
    const joiner = extract().pupils[0]!;
    const fromCtf = await services.service.receive(
      schoolId,
      ctf([joiner]),
      { mediaType: 'application/xml' },
      'cred-1',
    );
    expect(fromCtf.record.format).toBe('ctf');
    const first = await services.service.run(schoolId, 'run-now');
    expect(first.kind === 'applied' && first.record.counts?.pupilsAdded).toBe(1);
    const ctfPupilId = pupilIdFor(schoolId, `UPN:${joiner.upn}`);

    // The nightly full extract lists her under the MIS's own id: the same Lantern pupil, not a second one.
    const full = await pushAndRun(services, schoolId, extract());
    expect(full.counts).toMatchObject({ pupilsAdded: 4, pupilsUpdated: 1, pupilsArchived: 0 });
    const index = await partition(table, misKeys.pupilsPartition(schoolId));
    expect(index.find((item) => item.misKey === 'P0')).toMatchObject({
      pupilId: ctfPupilId,
      upn: joiner.upn,
    });
    expect(index.some((item) => String(item.misKey).startsWith('UPN:'))).toBe(false);
    const profile = (await partition(table, pupilKeys.partition(schoolId, ctfPupilId))).find(
      (item) => item.itemType === 'Pupil',
    );
    expect(profile).toMatchObject({ archived: false, misId: 'P0', tutorGroup: '7A' });

    // A CTF for her now is left out, with a warning; nothing is written.
    await services.service.receive(
      schoolId,
      ctf([{ ...joiner, legalSurname: 'Changed' }]),
      { mediaType: 'application/xml' },
      'cred-1',
    );
    const later = await services.service.run(schoolId, 'run-now');
    if (later.kind !== 'applied') throw new Error(later.kind);
    expect(later.record.counts?.itemsWritten).toBe(0);
    expect(later.record.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'upn', severity: 'warning', misId: `UPN:${joiner.upn}` }),
      ]),
    );
  });

  it('runs one import at a time per school', async () => {
    const { ...services } = await servicesOn();
    const schoolId = randomUUID();
    await services.service.receive(schoolId, json(extract()), { mediaType: 'application/json' }, 'cred-1');
    const state = await services.imports.state(schoolId);
    const now = new Date();
    expect(
      await services.imports.acquireLease(
        schoolId,
        randomUUID(),
        now.toISOString(),
        new Date(now.getTime() + 60_000).toISOString(),
      ),
    ).toBe(true);
    expect(await services.service.run(schoolId, 'run-now')).toEqual({ kind: 'busy' });
    expect(state.newestImportId).toBeDefined();
  });
});
