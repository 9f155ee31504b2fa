/** Pupils, categories, incident bodies and the SES stand-in's mailbox for the incident suites. */
import { randomUUID } from 'node:crypto';
import { CategoryRepository } from '../../../lib/categories/category-repository';
import type { Category } from '../../../lib/categories/category';
import { PupilRepository } from '../../../lib/pupils/pupil-repository';
import type { StaffClient } from '../../support/staff-client';
import type { TestTable } from '../../support/test-table';

export interface Problem {
  readonly status: number;
  readonly type?: string;
  readonly errors?: { field: string; reason: string }[];
}

/** Adds a pupil by hand to a school, as an admin would; answers the pupil's id. */
export async function addPupil(
  table: TestTable,
  schoolId: string,
  forename: string,
  surname: string,
  classIds: string[] = [],
): Promise<string> {
  const pupilId = randomUUID();
  const at = new Date().toISOString();
  await new PupilRepository(table.dynamo, table.tableName).create({
    pupilId,
    schoolId,
    legalForename: forename,
    legalSurname: surname,
    dateOfBirth: '2015-09-01',
    gender: 'F',
    classIds,
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  return pupilId;
}

/** The school's starting categories, by name (a top-level one unless the parent is given). */
export async function categoriesOf(
  table: TestTable,
  schoolId: string,
): Promise<(name: string, parentName?: string) => Category> {
  const categories = await new CategoryRepository(table.dynamo, table.tableName).list(schoolId);
  return (name, parentName) => {
    const parentId = parentName
      ? categories.find((category) => category.name === parentName && !category.parentId)?.categoryId
      : undefined;
    const found = categories.find((category) => category.name === name && category.parentId === parentId);
    if (!found) throw new Error(`No category ${name}`);
    return found;
  };
}

/**
 * Makes a user group with the DSL group's category permissions except that it may not see Child
 * protection (it may still add to it), with these system permissions, and moves Priya into it; the lead
 * makes the changes through the admin API. Answers the group's and Priya's ids.
 */
export async function moveLeadIntoGroupWithoutChildProtection(
  lead: StaffClient,
  category: (name: string) => Category,
  name: string,
  systemPermissions: readonly string[],
): Promise<{ groupId: string; priyaId: string }> {
  const groups = await lead.json<{ items: ({ name: string } & Record<string, unknown>)[] }>(
    'GET',
    '/api/admin/user-groups',
  );
  const dsl = groups.body.items.find((group) => group.name === 'Designated Safeguarding Leads')!;
  const created = await lead.json<{ groupId: string }>('POST', '/api/admin/user-groups', {
    name,
    description: '',
    systemPermissions,
    categoryPermissions: {
      ...(dsl.categoryPermissions as Record<string, unknown>),
      [category('Child protection').categoryId]: {
        viewStudents: false,
        viewIncidents: false,
        addIncidents: true,
      },
    },
    newCategoryDefault: { viewStudents: true, viewIncidents: true, addIncidents: true },
  });
  if (created.status !== 201) throw new Error(`Creating ${name} answered ${created.status}`);
  const users = await lead.json<{ items: { personId: string; email: string }[] }>('GET', '/api/admin/users');
  const priyaId = users.body.items.find((user) => user.email.startsWith('priya'))!.personId;
  const moved = await lead.json('PATCH', `/api/admin/users/${priyaId}`, { groupId: created.body.groupId });
  if (moved.status !== 200) throw new Error(`Moving Priya answered ${moved.status}`);
  return { groupId: created.body.groupId, priyaId };
}

/** A new incident body: a minute ago, for this pupil, in these categories. */
export function incidentBody(pupilId: string, categoryIds: string[], extra: Record<string, unknown> = {}) {
  return {
    incidentId: randomUUID(),
    pupilId,
    text: 'Seen crying at the gate; said an older pupil took her phone and posted a photo of her.',
    categoryIds,
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    ...extra,
  };
}

export function actionBody(pupilId: string, extra: Record<string, unknown> = {}) {
  return {
    actionId: randomUUID(),
    pupilId,
    text: 'Phoned mum; meeting booked for Thursday.',
    occurredAt: new Date(Date.now() - 30_000).toISOString(),
    ...extra,
  };
}

export interface StoredMail {
  readonly subject: string;
  readonly destination: { to: string[] };
  readonly body: { text: string };
}

/** Mail the SES stand-in accepted for one address, oldest first. */
export async function mailTo(address: string): Promise<StoredMail[]> {
  const response = await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2}/store`, {
    headers: { Authorization: 'AWS4-HMAC-SHA256 tests' },
  });
  const { emails } = (await response.json()) as { emails: StoredMail[] };
  return emails.filter((mail) => mail.destination.to.includes(address));
}
