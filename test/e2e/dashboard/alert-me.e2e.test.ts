/**
 * Automatic alerts in a real headless Chromium against the local Lantern: from the dashboard's Alerts
 * a key holder opens "Alert me" on a phone and adds their own rules by category, by pupil (the pupil
 * picker) and by class, sees them again after a reload and removes one; a teacher without a key is
 * offered category and pupil rules only; an admin adds a pupil rule and a class rule to another user on
 * their user page with the same editor.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { AdminApi, uniqueEmail } from '../support/admin-api';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, lanternUrl, useFreshPagePerTest } from '../support/browser';
import { demoStaff, signInAs } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };

interface Rule {
  ruleId: string;
  target: { kind: 'category' | 'pupil' | 'class'; categoryId?: string; pupilId?: string; classId?: string };
  targetName: string;
}
interface Filters {
  classes: { classId: string; name: string }[];
}

async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(lanternUrl(path));
  if (!response.ok()) throw new Error(`GET ${path} was answered ${response.status()}`);
  return (await response.json()) as T;
}

async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

/** A pupil of the class register, as the picker lists them. */
async function registerPupil(request: APIRequestContext, className: string) {
  const filters = await apiGet<Filters>(request, '/api/pupils/filters');
  const classId = filters.classes.find((candidate) => candidate.name === className)!.classId;
  const { items } = await apiGet<{ items: { pupilId: string; displayName: string }[] }>(
    request,
    `/api/pupils?classId=${classId}&limit=5`,
  );
  return items[0]!;
}

async function choosePupil(page: Page, label: string, pupil: { pupilId: string; displayName: string }) {
  await page.getByLabel(label, { exact: true }).fill(pupil.displayName.split(' ').slice(1).join(' '));
  await page
    .getByRole('list', { name: 'Matching pupils' })
    .getByRole('button', { name: pupil.displayName })
    .first()
    .click();
}

describe('a key holder (elevated)', () => {
  const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

  afterEach(async () => {
    // Leave no rules behind: they would alert Dana to other tests' incidents.
    const { context, view } = dana();
    const api = new AdminApi(context.request, view.csrfToken);
    const { items } = await apiGet<{ items: Rule[] }>(context.request, '/api/dashboard/auto-alerts');
    for (const rule of items) await api.send('DELETE', `/api/dashboard/auto-alerts/${rule.ruleId}`);
  });

  it('adds their own rules by category, pupil and class from the dashboard, on a phone, and removes one', async () => {
    const { page, context } = dana();
    const problems = collectPageErrors(page);
    const pupil = await registerPupil(context.request, '2B');
    const filters = await apiGet<Filters>(context.request, '/api/pupils/filters');
    const className = filters.classes.find((candidate) => candidate.name === '3B')!.name;
    await page.setViewportSize(PHONE);

    await page.goto(lanternUrl('/'));
    await page.getByRole('link', { name: 'Choose what you are alerted to automatically' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alert me' }).waitFor();
    await page.getByText('You have no automatic alerts.').waitFor();

    await page.getByRole('button', { name: 'Add automatic alert' }).click();
    await page.locator('#my-auto-alert-category-error').getByText('Choose a category').waitFor();
    const category = page.getByLabel('Category', { exact: true });
    await category.selectOption({ index: 1 });
    const categoryName = (await category.locator('option:checked').innerText()).trim();
    await page.getByRole('button', { name: 'Add automatic alert' }).click();
    await page.getByRole('status').getByText(`Added an automatic alert for ${categoryName}.`).waitFor();

    await page.getByLabel('About a pupil', { exact: true }).check();
    await choosePupil(page, 'Pupil', pupil);
    await page.getByRole('button', { name: 'Add automatic alert' }).click();
    await page.getByRole('status').getByText('Added an automatic alert for the chosen pupil.').waitFor();

    await page.getByLabel('About a pupil in a class or group', { exact: true }).check();
    await page.getByLabel('Class or group', { exact: true }).selectOption({ label: className });
    await page.getByRole('button', { name: 'Add automatic alert' }).click();
    await page.getByRole('status').getByText(`Added an automatic alert for ${className}.`).waitFor();
    await expect(fitsTheScreen(page)).resolves.toBe(true);

    await page.reload();
    const rules = page.getByRole('list', { name: 'Automatic alerts' });
    await rules.getByText(`Category: ${categoryName}`).waitFor();
    await rules.getByText(`Pupil: ${pupil.displayName}`).waitFor();
    await rules.getByText(`Class or group: ${className}`).waitFor();
    const saved = await apiGet<{ items: Rule[] }>(context.request, '/api/dashboard/auto-alerts');
    expect(saved.items.map((rule) => rule.target.kind).sort()).toEqual(['category', 'class', 'pupil']);
    expect(saved.items.find((rule) => rule.target.kind === 'pupil')?.target.pupilId).toBe(pupil.pupilId);

    await rules
      .getByRole('listitem')
      .filter({ hasText: 'Pupil:' })
      .getByRole('button', { name: /^Remove/ })
      .click();
    await page.getByRole('status').getByText('Removed the automatic alert.').waitFor();
    await page.reload();
    await rules.getByText(`Class or group: ${className}`).waitFor();
    await expect(rules.getByText(/^Pupil:/).count()).resolves.toBe(0);
    const after = await apiGet<{ items: Rule[] }>(context.request, '/api/dashboard/auto-alerts');
    expect(after.items.map((rule) => rule.target.kind).sort()).toEqual(['category', 'class']);
    expect(problems.errors).toEqual([]);
  });

  it('adds pupil and class rules for another user on their admin page', async () => {
    const { page, context, view } = dana();
    const problems = collectPageErrors(page);
    const api = new AdminApi(context.request, view.csrfToken);
    const user = await api.addUser({
      displayName: 'Alert Rules Teacher',
      email: uniqueEmail('alert rules'),
      groupName: 'Teachers',
    });
    const pupil = await registerPupil(context.request, '4B');

    await page.goto(lanternUrl(`/admin/users/${user.personId}`));
    const section = page.getByRole('region', { name: 'Automatic alerts' });
    await section.getByText('Alert Rules Teacher has no automatic alerts.').waitFor();
    await section.getByLabel('About a pupil', { exact: true }).check();
    await choosePupil(page, 'Pupil', pupil);
    await section.getByRole('button', { name: 'Add automatic alert' }).click();
    await page.getByRole('status').getByText('Added an automatic alert for the chosen pupil.').waitFor();
    await section.getByLabel('About a pupil in a class or group', { exact: true }).check();
    await section.getByLabel('Class or group', { exact: true }).selectOption({ label: '4B' });
    await section.getByRole('button', { name: 'Add automatic alert' }).click();
    await page.getByRole('status').getByText('Added an automatic alert for 4B.').waitFor();

    await page.reload();
    await section.getByText(`Pupil: ${pupil.displayName}`).waitFor();
    await section.getByText('Class or group: 4B').waitFor();
    const saved = await apiGet<{ items: Rule[] }>(
      context.request,
      `/api/admin/users/${user.personId}/auto-alerts`,
    );
    expect(saved.items.map((rule) => [rule.target.kind, rule.targetName]).sort()).toEqual([
      ['class', '4B'],
      ['pupil', pupil.displayName],
    ]);
    expect(problems.errors).toEqual([]);
  });
});

describe('a teacher without a key', () => {
  const currentPage = useFreshPagePerTest();

  it('is offered rules by category and pupil, with class rules left for a session with a key', async () => {
    const page = currentPage();
    await page.setViewportSize(PHONE);
    await signInAs(page, demoStaff('tom.reed@oakfield.example.org'));
    await page.getByRole('link', { name: 'Choose what you are alerted to automatically' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alert me' }).waitFor();
    await page.getByText('Alerts for a class or group can be chosen in a session with your key.').waitFor();
    await page.getByLabel('About a pupil', { exact: true }).waitFor();
    await expect(page.getByLabel('About a pupil in a class or group').count()).resolves.toBe(0);
    await expect(fitsTheScreen(page)).resolves.toBe(true);
  });
});
