/** The pupil repository and monitoring writes against DynamoDB Local: profile and index items move together. */
import { randomUUID } from 'node:crypto';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { monitoringKeys, pupilKeys } from '../../../lib/data/keys';
import { StaleItemError } from '../../../lib/data/school-collection';
import { changeMonitoringWrites, startMonitoringWrites } from '../../../lib/monitoring/monitoring-writes';
import type { Pupil } from '../../../lib/pupils/pupil';
import { PupilAlreadyExistsError } from '../../../lib/pupils/pupil-errors';
import { PupilRepository } from '../../../lib/pupils/pupil-repository';
import { createTestTable, type TestTable } from '../../support/test-table';

let table: TestTable;
let repository: PupilRepository;
const schoolId = randomUUID();
const tutorGroup = randomUUID();
const yearGroup = randomUUID();

beforeAll(async () => {
  table = await createTestTable('pupils');
  repository = new PupilRepository(table.dynamo, table.tableName);
});

afterAll(async () => {
  await table.drop();
});

function newPupil(overrides: Partial<Pupil> = {}): Pupil {
  return {
    pupilId: randomUUID(),
    schoolId,
    legalForename: 'Zoë',
    legalSurname: "O'Brien-Smith",
    dateOfBirth: '2014-03-02',
    gender: 'F',
    yearGroup: '5',
    tutorGroup: '5B',
    classIds: [tutorGroup, yearGroup],
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: '2025-01-06T09:00:00.000Z',
    updatedAt: '2025-01-06T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

async function sortKeys(partition: string, prefix?: string): Promise<string[]> {
  const result = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: prefix ? 'PK = :pk AND begins_with(SK, :prefix)' : 'PK = :pk',
      ExpressionAttributeValues: { ':pk': partition, ...(prefix ? { ':prefix': prefix } : {}) },
    }),
  );
  return (result.Items ?? []).map((item) => String(item.SK));
}

const active = () => pupilKeys.nameTokenPartition(schoolId, 'ACTIVE');
const archived = () => pupilKeys.nameTokenPartition(schoolId, 'ARCHIVED');

it('creates a pupil with a name token per name part and a class member item per class', async () => {
  const pupil = newPupil();
  await repository.create(pupil);

  expect(await repository.get(schoolId, pupil.pupilId)).toEqual(pupil);
  const tokens = (await sortKeys(active())).filter((sk) => sk.endsWith(pupil.pupilId));
  expect(tokens).toEqual(
    ['brien', 'o', "o'brien-smith", 'obrien', 'obrien-smith', 'smith', 'zoe'].map(
      (token) => `${token}#${pupil.pupilId}`,
    ),
  );
  expect(await sortKeys(pupilKeys.classMembersPartition(schoolId, tutorGroup))).toContain(
    `o'brien-smith, zoe#${pupil.pupilId}`,
  );
  const token = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk AND SK = :sk',
      ExpressionAttributeValues: { ':pk': active(), ':sk': `zoe#${pupil.pupilId}` },
    }),
  );
  expect(token.Items?.[0]).toMatchObject({
    displayName: "Zoë O'Brien-Smith",
    searchName: "zoe o'brien-smith",
    tutorGroup: '5B',
  });

  await expect(repository.create({ ...pupil, legalForename: 'Other' })).rejects.toBeInstanceOf(
    PupilAlreadyExistsError,
  );
  expect((await repository.get(schoolId, pupil.pupilId))?.legalForename).toBe('Zoë');
});

it('reads many pupils at once, ignoring unknown ids and other schools', async () => {
  const first = newPupil({ legalForename: 'Amir' });
  const second = newPupil({ legalForename: 'Bea' });
  await Promise.all([repository.create(first), repository.create(second)]);
  const found = await repository.getMany(schoolId, [
    first.pupilId,
    second.pupilId,
    randomUUID(),
    first.pupilId,
  ]);
  expect(found.map((pupil) => pupil.legalForename).sort()).toEqual(['Amir', 'Bea']);
  expect(await repository.getMany(randomUUID(), [first.pupilId])).toEqual([]);
});

it('moves index items on a rename, a class change and archiving, and refuses a stale version', async () => {
  const pupil = newPupil({ legalForename: 'Harry' });
  await repository.create(pupil);
  const renamed: Pupil = {
    ...pupil,
    preferredForename: 'Hal',
    classIds: [yearGroup],
    tutorGroup: undefined,
    version: 2,
    updatedAt: '2025-01-07T09:00:00.000Z',
  };
  await repository.update(renamed, pupil);

  expect(await repository.get(schoolId, pupil.pupilId)).toEqual(renamed);
  const mine = (keys: string[]) =>
    keys.filter((sk) => sk.endsWith(pupil.pupilId)).map((sk) => sk.split('#')[0]);
  expect(mine(await sortKeys(active()))).toEqual([
    'brien',
    'hal',
    'harry',
    'o',
    "o'brien-smith",
    'obrien',
    'obrien-smith',
    'smith',
  ]);
  expect(mine(await sortKeys(pupilKeys.classMembersPartition(schoolId, tutorGroup)))).toEqual([]);
  expect(mine(await sortKeys(pupilKeys.classMembersPartition(schoolId, yearGroup)))).toEqual([
    "o'brien-smith, hal",
  ]);

  await expect(repository.update({ ...renamed, legalSurname: 'Lost' }, pupil)).rejects.toBeInstanceOf(
    StaleItemError,
  );

  const archivedPupil: Pupil = { ...renamed, archived: true, classIds: [], version: 3 };
  await repository.update(archivedPupil, renamed);
  expect(mine(await sortKeys(active()))).toEqual([]);
  expect(mine(await sortKeys(archived()))).toContain('hal');
  expect(mine(await sortKeys(pupilKeys.classMembersPartition(schoolId, yearGroup)))).toEqual([]);
});

it('starts and stops monitoring in one transaction each, without touching the version', async () => {
  const pupil = newPupil({ legalForename: 'Ivy' });
  await repository.create(pupil);
  const start = startMonitoringWrites({
    tableName: table.tableName,
    pupil,
    categoryIds: ['neglect', 'online', 'neglect'],
    since: '2025-02-01',
    at: '2025-02-03T10:00:00.000Z',
    startedBy: randomUUID(),
    reason: 'manual',
  });
  expect(start.categoryIds).toEqual(['neglect', 'online']);
  await table.dynamo.send(new TransactWriteCommand({ TransactItems: start.items }));

  const monitored = await repository.get(schoolId, pupil.pupilId);
  expect(monitored).toMatchObject({ monitoredCategoryIds: ['neglect', 'online'], version: 1 });
  expect(await sortKeys(monitoringKeys.monitoredPartition(schoolId), 'CAT#online#')).toEqual([
    `CAT#online#${pupil.pupilId}`,
  ]);
  // Starting again from the stale copy is refused as a whole.
  await expect(table.dynamo.send(new TransactWriteCommand({ TransactItems: start.items }))).rejects.toThrow();

  // An edit of the details after monitoring started keeps the monitoring.
  await repository.update({ ...pupil, legalSurname: 'Stone', version: 2 }, pupil);
  const edited = (await repository.get(schoolId, pupil.pupilId))!;
  expect(edited.monitoredCategoryIds).toEqual(['neglect', 'online']);

  const change = changeMonitoringWrites(table.tableName, edited, {
    start: {
      categoryIds: ['online', 'bullying'],
      since: '2025-03-01',
      at: '2025-03-01T12:00:00.000Z',
      startedBy: randomUUID(),
      reason: 'manual',
    },
    stop: {
      openIntervals: [{ categoryId: 'neglect', startedAt: '2025-02-03T10:00:00.000Z' }],
      until: '2025-03-01',
      at: '2025-03-01T12:00:00.000Z',
      endedBy: randomUUID(),
    },
  });
  expect(change.categoryIds).toEqual(['bullying', 'neglect']);
  await table.dynamo.send(new TransactWriteCommand({ TransactItems: change.items }));
  expect((await repository.get(schoolId, pupil.pupilId))?.monitoredCategoryIds).toEqual([
    'online',
    'bullying',
  ]);
  expect(await sortKeys(monitoringKeys.monitoredPartition(schoolId), 'CAT#neglect#')).toEqual([]);
  expect(await sortKeys(pupilKeys.partition(schoolId, pupil.pupilId), 'MONITOR#')).toHaveLength(3);
  // The same change again, from the copy read before it, is refused and changes nothing.
  await expect(
    table.dynamo.send(new TransactWriteCommand({ TransactItems: change.items })),
  ).rejects.toThrow();
  expect((await repository.get(schoolId, pupil.pupilId))?.monitoredCategoryIds).toEqual([
    'online',
    'bullying',
  ]);
});
