/**
 * Changing pupils by hand in a real headless Chromium, on a phone, against the local Lantern with its
 * demo pupils: the safeguarding lead adds a pupil the MIS does not hold, changes their details with the
 * same form (the record shows the change after a reload), archives them and brings them back; an MIS
 * pupil's change page says the MIS owns the details and offers no form; two pupils are linked with the
 * pupil picker (shown on both records) and the link removed again.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { uniqueSuffix } from '../support/admin-api';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, lanternUrl } from '../support/browser';
import { demoStaff } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };

interface ListItem {
  pupilId: string;
  displayName: string;
  yearGroup?: string;
  tutorGroup?: string;
}
interface PupilRecord {
  pupil: { displayName: string; middleNames?: string; upn?: string; archived: boolean; source: string };
  links: { otherPupilId: string; kind: string; note?: string; source: string }[];
}

const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(lanternUrl(path));
  if (!response.ok()) throw new Error(`GET ${path} was answered ${response.status()}`);
  return (await response.json()) as T;
}

async function classRegister(request: APIRequestContext, className: string): Promise<ListItem[]> {
  const filters = await apiGet<{ classes: { classId: string; name: string }[] }>(
    request,
    '/api/pupils/filters',
  );
  const classId = filters.classes.find((candidate) => candidate.name === className)!.classId;
  return (await apiGet<{ items: ListItem[] }>(request, `/api/pupils?classId=${classId}&limit=100`)).items;
}

async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

function detailRow(page: Page, label: string) {
  return page
    .locator('.summary-list__row')
    .filter({ has: page.getByRole('term').getByText(label, { exact: true }) });
}

it('adds a pupil by hand, changes their details with the same form, archives them and brings them back', async () => {
  const { page, context } = dana();
  const problems = collectPageErrors(page);
  const surname = `Testcase${uniqueSuffix().replace(/[0-9]/g, '')}`;
  await page.setViewportSize(PHONE);

  await page.goto(lanternUrl('/pupils/new'));
  await page.getByRole('heading', { level: 1, name: 'Add a pupil' }).waitFor();
  await page.getByLabel('Legal first name').fill('Robin');
  await page.getByLabel('Middle names (optional)').fill('Alex');
  await page.getByLabel('Legal last name').fill(surname);
  await page.getByLabel('Day').fill('4');
  await page.getByLabel('Month').fill('9');
  await page.getByLabel('Year', { exact: true }).fill('2015');
  await page.getByLabel('Not known').check();
  await page.getByRole('button', { name: 'Add pupil' }).click();
  await page.getByRole('heading', { level: 1, name: `Robin ${surname}` }).waitFor();
  const pupilId = new URL(page.url()).pathname.split('/')[2]!;

  await page.getByRole('link', { name: 'Change details' }).click();
  await page.waitForURL((url) => url.pathname === `/pupils/${pupilId}/edit`);
  await page.getByRole('heading', { level: 1, name: `Change details of Robin ${surname}` }).waitFor();
  await expect(page.getByLabel('Legal first name').inputValue()).resolves.toBe('Robin');
  await expect(page.getByLabel('Middle names (optional)').inputValue()).resolves.toBe('Alex');
  // Nothing changed yet: nothing is sent.
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('alert').getByText('Nothing has changed').waitFor();
  await page.getByLabel('UPN (optional)').fill('B80120000500');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('alert')
    .getByRole('link', { name: /^UPN must be 13 characters/ })
    .waitFor();
  await page.getByLabel('UPN (optional)').fill('b801200005001');
  await page.getByLabel('Preferred first name (optional)').fill('Rob');
  await page.getByLabel('Middle names (optional)').fill('');
  await expect(fitsTheScreen(page)).resolves.toBe(true);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL((url) => url.pathname === `/pupils/${pupilId}`);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: `Rob ${surname}` }).waitFor();
  await expect(detailRow(page, 'UPN').getByRole('definition').innerText()).resolves.toBe('B801200005001');
  await expect(detailRow(page, 'Legal name').getByRole('definition').innerText()).resolves.toBe(
    `Robin ${surname}`,
  );
  const saved = await apiGet<PupilRecord>(context.request, `/api/pupils/${pupilId}`);
  expect(saved.pupil).toMatchObject({ displayName: `Rob ${surname}`, upn: 'B801200005001' });
  expect(saved.pupil.middleNames).toBeUndefined();

  await page.getByRole('button', { name: 'Archive (left the school)' }).click();
  await page.locator('.pupil-header').getByText('Archived', { exact: true }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Bring back from the archive' }).click();
  await page.getByRole('button', { name: 'Archive (left the school)' }).waitFor();
  await expect(page.locator('.pupil-header').getByText('Archived', { exact: true }).count()).resolves.toBe(0);
  await expect(
    apiGet<PupilRecord>(context.request, `/api/pupils/${pupilId}`).then((record) => record.pupil.archived),
  ).resolves.toBe(false);
  expect(problems.errors).toEqual([]);
});

it('explains on an MIS pupil’s change page that the MIS owns their details, with no form', async () => {
  const { page, context } = dana();
  const problems = collectPageErrors(page);
  const pupil = (await classRegister(context.request, '3A'))[0]!;
  await page.setViewportSize(PHONE);

  await page.goto(lanternUrl(`/pupils/${pupil.pupilId}`));
  await page.getByText('so they can only be changed in the MIS.').waitFor();
  await expect(page.getByRole('link', { name: 'Change details' }).count()).resolves.toBe(0);

  await page.goto(lanternUrl(`/pupils/${pupil.pupilId}/edit`));
  await page.getByRole('heading', { level: 1, name: `Change details of ${pupil.displayName}` }).waitFor();
  await page
    .getByRole('note')
    .getByText(/details come from the school’s MIS, which updates them every night/)
    .waitFor();
  await expect(page.getByRole('button', { name: 'Save changes' }).count()).resolves.toBe(0);
  await expect(fitsTheScreen(page)).resolves.toBe(true);
  expect(problems.errors).toEqual([]);
});

it('links two pupils with the pupil picker, shown on both records, and removes the link', async () => {
  const { page, context } = dana();
  const problems = collectPageErrors(page);
  const register = await classRegister(context.request, '5B');
  // Other suites import synthetic MIS pupils into the demo school, so a name alone may not be unique:
  // link to a pupil whose name and groups — what the picker shows — no other pupil in the register shares.
  const pickerLabel = (pupil: ListItem) =>
    [
      pupil.displayName,
      [pupil.yearGroup && `Year ${pupil.yearGroup}`, pupil.tutorGroup].filter(Boolean).join(', '),
    ]
      .join(' ')
      .trim();
  const [first, second] = register.filter(
    (pupil) => register.filter((other) => pickerLabel(other) === pickerLabel(pupil)).length === 1,
  );
  const note = `Cousins ${uniqueSuffix()}`;
  await page.setViewportSize(PHONE);

  await page.goto(lanternUrl(`/pupils/${first!.pupilId}`));
  await page.getByRole('heading', { level: 2, name: 'Linked pupils' }).waitFor();
  await page.getByRole('button', { name: 'Link a pupil' }).click();
  await page.getByRole('button', { name: 'Link pupils' }).click();
  await page.getByRole('alert').getByRole('link', { name: 'Choose the pupil to link' }).waitFor();
  await page.getByLabel('Pupil to link').fill(second!.displayName);
  await page
    .getByRole('list', { name: 'Matching pupils' })
    .getByRole('button', { name: pickerLabel(second!), exact: true })
    .click();
  await page.getByLabel('What connects them').fill(note);
  await expect(fitsTheScreen(page)).resolves.toBe(true);
  await page.getByRole('button', { name: 'Link pupils' }).click();
  await page.getByRole('status').getByText('Linked the pupils.').waitFor();

  await page.reload();
  const linkRow = page.getByRole('listitem').filter({ hasText: note });
  await linkRow.getByRole('link', { name: second!.displayName }).waitFor();
  const reverse = await apiGet<PupilRecord>(context.request, `/api/pupils/${second!.pupilId}`);
  expect(reverse.links).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ otherPupilId: first!.pupilId, kind: 'manual', note, source: 'manual' }),
    ]),
  );

  await linkRow.getByRole('button', { name: /^Remove link/ }).click();
  await page.getByRole('status').getByText('Removed the link.').waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Linked pupils' }).waitFor();
  await expect(page.getByText(note).count()).resolves.toBe(0);
  const after = await apiGet<PupilRecord>(context.request, `/api/pupils/${second!.pupilId}`);
  expect(
    after.links.filter((link) => link.otherPupilId === first!.pupilId && link.kind === 'manual'),
  ).toEqual([]);
  expect(problems.errors).toEqual([]);
});

it('adds a contact by hand and changes it; the record shows the change after a reload', async () => {
  const { page, context } = dana();
  const problems = collectPageErrors(page);
  const pupil = (await classRegister(context.request, '2B'))[0]!;
  const name = `Sam Worker ${uniqueSuffix()}`;
  await page.setViewportSize(PHONE);

  await page.goto(lanternUrl(`/pupils/${pupil.pupilId}/contacts`));
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Relationship').fill('Social worker');
  await page.getByLabel('Phone (optional)').fill('01632 960001');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByRole('status').getByText(`Added ${name}.`).waitFor();

  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
  await card.getByRole('button', { name: `Change ${name}` }).click();
  await expect(page.getByLabel('Phone (optional)').inputValue()).resolves.toBe('01632 960001');
  await page.getByLabel('Phone (optional)').fill('01632 960002');
  await page.getByLabel('Has parental responsibility').check();
  await expect(fitsTheScreen(page)).resolves.toBe(true);
  await page.getByRole('button', { name: 'Save contact' }).click();
  await page.getByRole('status').getByText(`Saved ${name}.`).waitFor();

  await page.reload();
  await card.getByRole('link', { name: '01632 960002' }).waitFor();
  const record = await apiGet<{
    contacts: { name: string; phone?: string; parentalResponsibility: boolean }[];
  }>(context.request, `/api/pupils/${pupil.pupilId}`);
  expect(record.contacts.find((contact) => contact.name === name)).toMatchObject({
    phone: '01632 960002',
    parentalResponsibility: true,
  });
  expect(problems.errors).toEqual([]);
});
