/**
 * Categories and agencies over HTTP (REC-2): the starting set every school gets, the hierarchy as each
 * member of staff meets it, and administration with its refusals. Bad input changes nothing.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { CategoryRepository } from '../../../lib/categories/category-repository';
import { categoryKeys, monitoringKeys } from '../../../lib/data/keys';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

interface Permission {
  viewStudents: boolean;
  viewIncidents: boolean;
  addIncidents: boolean;
}
interface Category {
  categoryId: string;
  name: string;
  colour: string;
  parentId?: string;
  disabled: boolean;
  version: number;
}
interface AdminList {
  items: Category[];
  groups: { groupId: string; name: string; newCategoryDefault: Permission }[];
}
interface UserGroup {
  groupId: string;
  name: string;
  version: number;
  categoryPermissions: Record<string, Permission>;
  newCategoryDefault: Permission;
}
interface CategoryView {
  categoryId: string;
  name: string;
  disabled: boolean;
  mayAdd: boolean;
  mayView: boolean;
  subCategories: Omit<CategoryView, 'subCategories'>[];
}
interface Agency {
  agencyId: string;
  name: string;
  disabled: boolean;
  version: number;
}
interface Problem {
  type: string;
  detail?: string;
  errors?: { field: string; reason: string }[];
}

const EVERYTHING: Permission = { viewStudents: true, viewIncidents: true, addIncidents: true };
const RECORD_ONLY: Permission = { viewStudents: false, viewIncidents: false, addIncidents: true };
const NOTHING: Permission = { viewStudents: false, viewIncidents: false, addIncidents: false };

let harness: ApiHarness;
let dsl: StaffClient;
let teacher: StaffClient;

beforeAll(async () => {
  harness = await startApiHarness();
  dsl = await signInElevated(harness.baseUrl, 'dana');
  teacher = await signInAs(harness.baseUrl, demoStaff('tom'));
}, 120_000);

afterAll(async () => {
  await harness.close();
});

async function adminList(): Promise<AdminList> {
  const response = await dsl.json<AdminList>('GET', '/api/admin/categories');
  expect(response.status).toBe(200);
  return response.body;
}

async function categoryNamed(name: string, parentId?: string): Promise<Category | undefined> {
  return (await adminList()).items.find((item) => item.name === name && item.parentId === parentId);
}

async function userGroups(): Promise<UserGroup[]> {
  return (await dsl.json<{ items: UserGroup[] }>('GET', '/api/admin/user-groups')).body.items;
}

async function createCategory(body: Record<string, unknown>) {
  return dsl.json<Category & Problem>('POST', '/api/admin/categories', body);
}

describe('a new school', () => {
  it('starts with parent categories, sub-categories and distinct colours', async () => {
    const { items } = await adminList();
    const bullying = items.find((item) => item.name === 'Bullying' && item.parentId === undefined)!;
    expect(bullying).toBeDefined();
    const subs = items.filter((item) => item.parentId === bullying.categoryId).map((item) => item.name);
    expect(subs.sort()).toEqual(['Cyber', 'Physical', 'Prejudice-based', 'Verbal']);
    const parents = items.filter((item) => item.parentId === undefined);
    expect(parents.map((item) => item.name)).toEqual(
      expect.arrayContaining(['Attendance', 'Behaviour', 'Child protection', 'Prevent', 'SEND']),
    );
    expect(new Set(items.map((item) => item.colour)).size).toBe(items.length);
  });

  it('gives each starting group its permission in every starting category', async () => {
    const { items } = await adminList();
    const byName = new Map((await userGroups()).map((group) => [group.name, group]));
    const expected: [string, Permission][] = [
      ['Designated Safeguarding Leads', EVERYTHING],
      ['Senior Leadership Team', EVERYTHING],
      ['Teachers', RECORD_ONLY],
      ['Non-teaching staff', RECORD_ONLY],
    ];
    for (const [name, permission] of expected) {
      const grid = byName.get(name)!.categoryPermissions;
      expect(Object.keys(grid).sort()).toEqual(items.map((item) => item.categoryId).sort());
      expect(new Set(Object.values(grid).map((value) => JSON.stringify(value)))).toEqual(
        new Set([JSON.stringify(permission)]),
      );
    }
  });

  it('starts with the usual agencies, which any member of staff may list', async () => {
    const response = await teacher.json<{ items: Agency[] }>('GET', '/api/agencies');
    expect(response.status).toBe(200);
    expect(response.body.items.map((agency) => agency.name)).toEqual(
      expect.arrayContaining(['CAMHS', "Children's social care", 'Police', 'School nurse', 'SENCO']),
    );
  });
});

describe('the hierarchy each member of staff meets', () => {
  it('shows a teacher without a key only where they may record, and nothing to view', async () => {
    const response = await teacher.json<{ items: CategoryView[] }>('GET', '/api/categories');
    expect(response.status).toBe(200);
    const bullying = response.body.items.find((item) => item.name === 'Bullying')!;
    expect(bullying).toMatchObject({ mayAdd: true, mayView: false });
    expect(bullying.subCategories.map((sub) => sub.name)).toEqual([
      'Cyber',
      'Physical',
      'Prejudice-based',
      'Verbal',
    ]);
    const everything = response.body.items.flatMap((item) => [item, ...item.subCategories]);
    expect(everything.every((item) => item.mayAdd && !item.mayView && !item.disabled)).toBe(true);
  });

  it('shows an elevated DSL every category, able to add and view', async () => {
    const response = await dsl.json<{ items: CategoryView[] }>('GET', '/api/categories');
    const names = response.body.items.map((item) => item.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
    const everything = response.body.items.flatMap((item) => [item, ...item.subCategories]);
    expect(everything.every((item) => item.mayAdd && item.mayView)).toBe(true);
  });
});

describe('creating a category', () => {
  it('sets every group’s permission in the same change: the one asked for, else the group’s default', async () => {
    const before = await userGroups();
    const teachers = before.find((group) => group.name === 'Teachers')!;
    const created = await createCategory({
      name: 'Exploitation',
      colour: '#AB47BC',
      groupPermissions: { [teachers.groupId]: NOTHING },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Exploitation',
      colour: '#ab47bc',
      disabled: false,
      version: 1,
    });
    const after = await userGroups();
    for (const group of after) {
      const previous = before.find((candidate) => candidate.groupId === group.groupId)!;
      const expected = group.groupId === teachers.groupId ? NOTHING : previous.newCategoryDefault;
      expect(group.categoryPermissions[created.body.categoryId]).toEqual(expected);
      expect(group.version).toBe(previous.version + 1);
    }
  });

  it('adds a sub-category under a top-level category, and refuses a third level', async () => {
    const parent = (await categoryNamed('Behaviour'))!;
    const sub = await createCategory({
      name: 'Prohibited items',
      colour: '#ffa726',
      parentId: parent.categoryId,
    });
    expect(sub.status).toBe(201);
    expect(sub.body.parentId).toBe(parent.categoryId);
    const tree = await dsl.json<{ items: CategoryView[] }>('GET', '/api/categories');
    const behaviour = tree.body.items.find((item) => item.categoryId === parent.categoryId)!;
    expect(behaviour.subCategories.map((item) => item.name)).toContain('Prohibited items');

    const third = await createCategory({ name: 'Knives', colour: '#ffa726', parentId: sub.body.categoryId });
    expect(third.status).toBe(400);
    expect(third.body.errors?.[0]?.field).toBe('body.parentId');
  });

  it('names the field for bad input and creates nothing', async () => {
    const before = (await adminList()).items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '  ', colour: '#123456' }, 'body.name'],
      [{ name: 'Truancy', colour: 'red' }, 'body.colour'],
      [{ name: 'Truancy', colour: '#12345' }, 'body.colour'],
      [
        { name: 'Truancy', colour: '#123456', parentId: '00000000-0000-4000-8000-000000000000' },
        'body.parentId',
      ],
      [
        {
          name: 'Truancy',
          colour: '#123456',
          groupPermissions: { '00000000-0000-4000-8000-000000000000': NOTHING },
        },
        'body.groupPermissions.00000000-0000-4000-8000-000000000000',
      ],
      [{ name: 'Truancy', colour: '#123456', shade: 'dark' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await createCategory(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.errors?.map((error) => error.field)).toContain(field);
    }
    expect((await adminList()).items.length).toBe(before);
  });

  it('refuses a name a sibling already has, whatever its case, but allows it under another parent', async () => {
    const duplicate = await createCategory({ name: ' bullying ', colour: '#123456' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors?.[0]?.field).toBe('body.name');
    const subDuplicate = await createCategory({
      name: 'CYBER',
      colour: '#123456',
      parentId: (await categoryNamed('Bullying'))!.categoryId,
    });
    expect(subDuplicate.status).toBe(409);
    const elsewhere = await createCategory({
      name: 'Cyber',
      colour: '#123456',
      parentId: (await categoryNamed('Online safety'))!.categoryId,
    });
    expect(elsewhere.status).toBe(201);
  });
});

describe('changing a category', () => {
  it('renames and recolours against the version read, and refuses a stale version or a sibling’s name', async () => {
    const created = await createCategory({ name: 'Attendence', colour: '#101010' });
    const path = `/api/admin/categories/${created.body.categoryId}`;
    const renamed = await dsl.json<Category>('PATCH', path, { name: 'Attendance concerns', version: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Attendance concerns', colour: '#101010', version: 2 });

    const stale = await dsl.json<Problem>('PATCH', path, { colour: '#202020', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.errors?.[0]?.field).toBe('body.version');
    const clash = await dsl.json<Problem>('PATCH', path, { name: 'Prevent', version: 2 });
    expect(clash.status).toBe(409);
    const empty = await dsl.json<Problem>('PATCH', path, { version: 2 });
    expect(empty.status).toBe(400);
    expect(await categoryNamed('Attendance concerns')).toMatchObject({ colour: '#101010', version: 2 });

    const recoloured = await dsl.json<Category>('PATCH', path, { colour: '#202020', version: 2 });
    expect(recoloured.body).toMatchObject({ colour: '#202020', version: 3 });
    // The old name is free again.
    expect((await createCategory({ name: 'Attendence', colour: '#101010' })).status).toBe(201);
  });

  it('disables a parent with its sub-categories, and enables a sub-category only under an enabled parent', async () => {
    const parent = (await createCategory({ name: 'Transport', colour: '#303030' })).body;
    const sub = (await createCategory({ name: 'Bus', colour: '#404040', parentId: parent.categoryId })).body;
    const disabled = await dsl.json<Category>('POST', `/api/admin/categories/${parent.categoryId}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect(await categoryNamed('Bus', parent.categoryId)).toMatchObject({ disabled: true });

    const tree = await teacher.json<{ items: CategoryView[] }>('GET', '/api/categories');
    expect(tree.body.items.map((item) => item.name)).not.toContain('Transport');

    const subFirst = await dsl.json<Problem>('POST', `/api/admin/categories/${sub.categoryId}/enable`);
    expect(subFirst.status).toBe(409);
    expect(subFirst.body.detail).toContain('Enable "Transport" first');

    const enabled = await dsl.json<Category>('POST', `/api/admin/categories/${parent.categoryId}/enable`);
    expect(enabled.body.disabled).toBe(false);
    expect(await categoryNamed('Bus', parent.categoryId)).toMatchObject({ disabled: true });
    const again = await dsl.json<Category>('POST', `/api/admin/categories/${sub.categoryId}/enable`);
    expect(again.body.disabled).toBe(false);
  });
});

describe('deleting a category', () => {
  it('deletes one never used and takes it out of every group', async () => {
    const created = (await createCategory({ name: 'Spare', colour: '#505050' })).body;
    expect((await userGroups()).every((group) => created.categoryId in group.categoryPermissions)).toBe(true);
    const deleted = await dsl.request('DELETE', `/api/admin/categories/${created.categoryId}`);
    expect(deleted.status).toBe(204);
    expect(await categoryNamed('Spare')).toBeUndefined();
    expect((await userGroups()).some((group) => created.categoryId in group.categoryPermissions)).toBe(false);
    const again = await dsl.request('DELETE', `/api/admin/categories/${created.categoryId}`);
    expect(again.status).toBe(404);
  });

  it('refuses one used for an incident or for monitoring, or with sub-categories, saying to disable it', async () => {
    const schoolId = dsl.schoolId;
    const usedForIncident = (await createCategory({ name: 'Used for an incident', colour: '#606060' })).body;
    await harness.table.dynamo.send(
      new PutCommand({
        TableName: harness.table.tableName,
        Item: {
          ...categoryKeys.use(schoolId, usedForIncident.categoryId, 'incident-1'),
          itemType: 'CategoryUse',
        },
      }),
    );
    const usedForMonitoring = (await createCategory({ name: 'Used for monitoring', colour: '#707070' })).body;
    await harness.table.dynamo.send(
      new PutCommand({
        TableName: harness.table.tableName,
        Item: {
          ...monitoringKeys.monitored(schoolId, usedForMonitoring.categoryId, 'pupil-1'),
          itemType: 'MonitoredPupil',
        },
      }),
    );
    const parent = (await categoryNamed('Bullying'))!;
    for (const category of [usedForIncident, usedForMonitoring, parent]) {
      const refused = await dsl.json<Problem>('DELETE', `/api/admin/categories/${category.categoryId}`);
      expect({ name: category.name, status: refused.status }).toEqual({ name: category.name, status: 409 });
      expect(refused.body.detail).toContain('instead');
      expect(await categoryNamed(category.name)).toBeDefined();
    }
  });
});

describe('agencies', () => {
  it('adds, renames by version, disables and enables, with unique names', async () => {
    const created = await dsl.json<Agency & Problem>('POST', '/api/admin/agencies', {
      name: 'Housing officer',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Housing officer', disabled: false, version: 1 });
    const duplicate = await dsl.json<Problem>('POST', '/api/admin/agencies', { name: 'police' });
    expect(duplicate.status).toBe(409);
    const empty = await dsl.json<Problem>('POST', '/api/admin/agencies', { name: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.[0]?.field).toBe('body.name');

    const path = `/api/admin/agencies/${created.body.agencyId}`;
    const renamed = await dsl.json<Agency>('PATCH', path, { name: 'Housing team', version: 1 });
    expect(renamed.body).toMatchObject({ name: 'Housing team', version: 2 });
    const stale = await dsl.json<Problem>('PATCH', path, { name: 'Housing', version: 1 });
    expect(stale.status).toBe(409);
    const clash = await dsl.json<Problem>('PATCH', path, { name: 'CAMHS', version: 2 });
    expect(clash.status).toBe(409);

    const disabled = await dsl.json<Agency>('POST', `${path}/disable`);
    expect(disabled.body).toMatchObject({ disabled: true, version: 3 });
    const listed = await teacher.json<{ items: Agency[] }>('GET', '/api/agencies');
    expect(listed.body.items.find((agency) => agency.agencyId === created.body.agencyId)).toMatchObject({
      name: 'Housing team',
      disabled: true,
    });
    const enabled = await dsl.json<Agency>('POST', `${path}/enable`);
    expect(enabled.body).toMatchObject({ disabled: false, version: 4 });
    expect(
      (await dsl.request('POST', '/api/admin/agencies/00000000-0000-4000-8000-000000000000/disable')).status,
    ).toBe(404);
  });
});

describe('who may administer', () => {
  it('refuses a teacher, and asks a DSL who has not elevated to elevate', async () => {
    const refused = await teacher.json<Problem>('POST', '/api/admin/categories', {
      name: 'X',
      colour: '#000000',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('urn:lantern:problem:forbidden');
    const dslWithoutKey = await signInAs(harness.baseUrl, demoStaff('dana'));
    const elevate = await dslWithoutKey.json<Problem>('POST', '/api/admin/agencies', { name: 'X' });
    expect(elevate.status).toBe(403);
    expect(elevate.body.type).toBe('urn:lantern:problem:elevation-required');
  });

  it('answers another school’s categories as unknown and changes nothing there', async () => {
    const riversideId = (await new SchoolRepository(
      harness.table.dynamo,
      harness.table.tableName,
    ).findIdByUrn('990002'))!;
    const repository = new CategoryRepository(harness.table.dynamo, harness.table.tableName);
    const before = await repository.list(riversideId);
    const target = before[0]!;
    const path = `/api/admin/categories/${target.categoryId}`;
    const attempts = [
      await dsl.request('PATCH', path, { name: 'Forged', version: target.version }),
      await dsl.request('POST', `${path}/disable`),
      await dsl.request('DELETE', path),
    ];
    expect(attempts.map((response) => response.status)).toEqual([404, 404, 404]);
    expect(await repository.list(riversideId)).toEqual(before);
  });

  it('records every change in the audit log', async () => {
    const trail = await dsl.json<{ items: { action: string; resourceType: string }[] }>(
      'GET',
      `/api/audit/users/${dsl.personId}?limit=100`,
    );
    const actions = new Set(trail.body.items.map((event) => event.action));
    for (const action of [
      'category.create',
      'category.update',
      'category.delete',
      'agency.create',
      'agency.update',
    ]) {
      expect(actions).toContain(action);
    }
  });
});
