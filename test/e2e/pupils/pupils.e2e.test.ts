/**
 * Pupils in a real headless Chromium against the local Lantern with its demo pupils: the safeguarding
 * lead finds a pupil by part of their name, on a phone, opens the record and its tabs; "Hide names"
 * stars out every name until pressed again, and lasts across a reload; a class register's "Update
 * categories" starts monitoring for the ticked pupils; monitoring one pupil by hand shows on the timeline
 * and in the downloaded CSV.
 */
import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from 'playwright-core';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, lanternUrl } from '../support/browser';
import { demoStaff } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };

interface ListItem {
  pupilId: string;
  displayName: string;
  monitoring: { categoryId: string }[];
}
interface Filters {
  classes: { classId: string; name: string }[];
  categories: { categoryId: string; name: string }[];
}

const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(lanternUrl(path));
  if (!response.ok()) throw new Error(`GET ${path} was answered ${response.status()}`);
  return (await response.json()) as T;
}

async function register(
  request: APIRequestContext,
  className: string,
): Promise<{ classId: string; items: ListItem[] }> {
  const filters = await apiGet<Filters>(request, '/api/pupils/filters');
  const classId = filters.classes.find((candidate) => candidate.name === className)!.classId;
  const { items } = await apiGet<{ items: ListItem[] }>(request, `/api/pupils?classId=${classId}&limit=100`);
  return { classId, items };
}

async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

function starred(name: string): string {
  return name.replace(/[\p{L}\p{N}]+/gu, (word) => [...word][0] + '*'.repeat([...word].length - 1));
}

it('finds a pupil by part of their surname on a phone and opens their record and its tabs', async () => {
  const { page, context } = dana();
  const problems = collectPageErrors(page);
  const { items } = await register(context.request, '4A');
  const pupil = items[0]!;
  const surname = pupil.displayName.split(' ').slice(1).join(' ');
  const typed = surname.normalize('NFKD').replace(/\p{M}/gu, '').slice(0, 4).toLowerCase();

  await page.setViewportSize(PHONE);
  await page.goto(lanternUrl('/'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pupils' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pupils' }).waitFor();
  await page.getByLabel('Quick pupil search').fill(typed);
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await page.waitForURL((url) => url.pathname === '/pupils' && url.searchParams.get('q') === typed);
  // Two pupils can share a name: the link to this one is the one to its record.
  const result = page
    .getByRole('link', { name: pupil.displayName, exact: true })
    .and(page.locator(`a[href="/pupils/${pupil.pupilId}"]`));
  await result.waitFor();
  await expect(fitsTheScreen(page)).resolves.toBe(true);
  await expect(
    page
      .getByRole('listitem')
      .filter({ has: result })
      .getByRole('link', { name: /^Add incident/ })
      .getAttribute('href'),
  ).resolves.toBe(`/incidents/new?pupilId=${pupil.pupilId}`);

  await result.click();
  await page.getByRole('heading', { level: 1, name: pupil.displayName }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/pupils/${pupil.pupilId}`);
  await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
  await page
    .getByRole('navigation', { name: 'Pupil record' })
    .getByRole('link', { name: 'Contacts' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/pupils/${pupil.pupilId}/contacts`);
  await page
    .getByRole('navigation', { name: 'Pupil record' })
    .getByRole('link', { name: 'Monitoring history' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'Monitoring history' }).waitFor();
  await expect(fitsTheScreen(page)).resolves.toBe(true);

  // Back returns to the same search, because the filters live in the address.
  await page.goBack();
  await page.goBack();
  await page.goBack();
  await result.waitFor();
  expect(problems.errors).toEqual([]);
});

it('stars out every pupil name while "Hide names" is on, across a reload, until "Show names"', async () => {
  const { page, context } = dana();
  const problems = collectPageErrors(page);
  const { classId, items } = await register(context.request, '2A');
  const pupil = items[0]!;
  await page.goto(lanternUrl(`/pupils?classId=${classId}`));
  await page.locator(`a[href="/pupils/${pupil.pupilId}"]`).waitFor();

  await page.getByRole('button', { name: 'Hide names' }).click();
  await page.getByRole('button', { name: 'Show names' }).waitFor();
  const firstRow = page
    .getByRole('listitem')
    .filter({ hasText: starred(pupil.displayName) })
    .first();
  await firstRow.waitFor();
  await expect(page.getByText(pupil.displayName, { exact: true }).count()).resolves.toBe(0);

  await page.goto(lanternUrl(`/pupils/${pupil.pupilId}`));
  await page.getByRole('heading', { level: 1, name: 'Name hidden' }).waitFor();
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(
    starred(pupil.displayName),
  );
  await page.reload();
  await page.getByRole('button', { name: 'Show names' }).waitFor();
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(
    starred(pupil.displayName),
  );

  await page.getByRole('button', { name: 'Show names' }).click();
  await page.getByRole('heading', { level: 1, name: pupil.displayName }).waitFor();
  expect(problems.errors).toEqual([]);
});

it('starts monitoring the ticked pupils of a class register under a category with "Update categories"', async () => {
  const { page, context } = dana();
  const problems = collectPageErrors(page);
  const { classId, items } = await register(context.request, '6A');
  const filters = await apiGet<Filters>(context.request, '/api/pupils/filters');
  const category = filters.categories[filters.categories.length - 1]!;
  const chosen = items
    .filter((item) => item.monitoring.every((m) => m.categoryId !== category.categoryId))
    .slice(0, 2);

  await page.goto(lanternUrl(`/pupils?classId=${classId}`));
  await page.getByRole('heading', { level: 1, name: 'Pupils in 6A' }).waitFor();
  await page.getByRole('button', { name: 'Update categories' }).click();
  await page.getByRole('button', { name: /^Update 0 pupils$/ }).click();
  await page.getByRole('alert').getByRole('link', { name: 'Tick at least one pupil' }).waitFor();

  for (const pupil of chosen) await page.locator(`#select-${pupil.pupilId}`).check();
  await page.getByLabel('Category', { exact: true }).selectOption(category.categoryId);
  await page.getByLabel('Start monitoring under this category').check();
  await page.getByRole('button', { name: 'Update 2 pupils' }).click();
  await page.getByRole('status').getByText(`Now monitoring 2 pupils under ${category.name}.`).waitFor();

  const { items: monitored } = await apiGet<{ items: ListItem[] }>(
    context.request,
    `/api/pupils?categoryId=${category.categoryId}&limit=100`,
  );
  expect(monitored.map((item) => item.pupilId)).toEqual(
    expect.arrayContaining(chosen.map((pupil) => pupil.pupilId)),
  );
  expect(problems.errors).toEqual([]);
});

it('starts monitoring one pupil by hand and downloads the history as CSV', async () => {
  const { page, context } = dana();
  const problems = collectPageErrors(page);
  const { items } = await register(context.request, '1B');
  const filters = await apiGet<Filters>(context.request, '/api/pupils/filters');
  const category = filters.categories[0]!;
  const pupil = items.find((item) => item.monitoring.length === 0)!;

  await page.goto(lanternUrl(`/pupils/${pupil.pupilId}/monitoring`));
  await page.getByText('Not monitored under any category you can see.').waitFor();
  await page.getByRole('button', { name: 'Change monitoring' }).click();
  await page.getByRole('button', { name: 'Save monitoring' }).click();
  await page.getByRole('alert').getByRole('link', { name: 'Tick or untick at least one category' }).waitFor();
  await page
    .getByRole('group', { name: 'Monitor this pupil under' })
    .getByLabel(category.name, { exact: true })
    .check();
  await page.getByRole('button', { name: 'Save monitoring' }).click();
  await page.getByRole('status').getByText(`Started monitoring under ${category.name}.`).waitFor();
  await page.getByRole('img', { name: /^Timeline of monitoring/ }).waitFor();
  await expect(page.getByRole('table').getByRole('row').count()).resolves.toBe(2);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download history as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^monitoring-history-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  const csv = await readFile(path, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Category,Started,Ended,Duration (days),Still monitored,Started by');
  expect(csv).toContain(`,0,Yes,By hand`);
  expect(problems.errors).toEqual([]);
});
