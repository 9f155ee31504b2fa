/** Pupils, categories, incident bodies and the SES stand-in's mailbox for the incident suites. */
import { randomUUID } from 'node:crypto';
import { CategoryRepository } from '../../../lib/categories/category-repository';
import type { Category } from '../../../lib/categories/category';
import { PupilRepository } from '../../../lib/pupils/pupil-repository';
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
