/**
 * The pupil page's Incident summary in a real headless Chromium, on a phone: for a pupil with two
 * incidents (one in two categories) it counts them, by category (most first) and by month, as the
 * API's overview does.
 */
import { randomUUID } from 'node:crypto';
import { AdminApi } from '../support/admin-api';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, lanternUrl } from '../support/browser';
import { demoStaff } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };

interface Category {
  categoryId: string;
  name: string;
  subCategories: unknown[];
}

const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

it('counts a pupil’s incidents by category and by month', async () => {
  const { page, context, view } = dana();
  const problems = collectPageErrors(page);
  const api = new AdminApi(context.request, view.csrfToken);
  // A pupil of their own, so no other test's incidents are counted.
  const pupilId = randomUUID();
  const added = await api.send('POST', '/api/pupils', {
    pupilId,
    legalForename: 'Summary',
    legalSurname: 'Pupil',
    dateOfBirth: '2016-05-01',
    gender: 'U',
  });
  expect(added.status()).toBe(201);
  const { items: tree } = await api.get<{ items: Category[] }>('/api/categories');
  const [first, second] = tree;
  const occurredAt = new Date(Date.now() - 60_000).toISOString();
  for (const categoryIds of [[first!.categoryId], [first!.categoryId, second!.categoryId]]) {
    const incident = await api.send('POST', '/api/incidents', {
      incidentId: randomUUID(),
      pupilId,
      text: 'Counted in the incident summary.',
      categoryIds,
      occurredAt,
    });
    expect(incident.status()).toBe(201);
  }

  await page.setViewportSize(PHONE);
  await page.goto(lanternUrl(`/pupils/${pupilId}`));
  await page
    .getByRole('navigation', { name: 'Pupil record' })
    .getByRole('link', { name: 'Incident summary' })
    .click();
  await page.getByText('2 incidents you can see.').waitFor();
  const byCategory = page.getByRole('table', { name: 'Incidents by category, most first' });
  await expect(byCategory.getByRole('row').allInnerTexts()).resolves.toEqual([
    expect.stringMatching(/^Category\s+Incidents$/),
    expect.stringMatching(new RegExp(`^${first!.name}\\s+2\\s*$`)),
    expect.stringMatching(new RegExp(`^${second!.name}\\s+1\\s*$`)),
  ]);
  const month = new Date(occurredAt).toLocaleDateString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const byMonth = page.getByRole('table', { name: 'Incidents by month, oldest first' });
  await expect(byMonth.getByRole('row', { name: new RegExp(`^${month}`) }).innerText()).resolves.toMatch(
    new RegExp(`^${month}\\s+2\\s*$`),
  );
  await expect(
    page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
  ).resolves.toBe(true);
  expect(problems.errors).toEqual([]);
});
