/**
 * Training mode end to end (REC-11), in headless Chromium: the trust's safeguarding lead, at Riverside
 * (so the other suites' Oakfield incidents are never on the list), switches training mode on in Admin >
 * Settings, sees the banner, records an incident and sees it marked Training, then switches training
 * mode off by typing the school's name, discarding it.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { elevateWithDemoKey, signInThroughApi } from '../support/admin-session';
import { collectPageErrors, launchBrowser, lanternUrl } from '../support/browser';
import { demoStaff, type SignedInView } from '../support/staff-sign-in';

jest.setTimeout(180_000);

const PRIYA = demoStaff('priya.nair@trust.example.org');

let browser: Browser;
let context: BrowserContext;
let view: SignedInView;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'en-GB' });
  const signedIn = await signInThroughApi(context.request, PRIYA.email, PRIYA.password);
  const riverside = signedIn.schools.find((school) => school.name.startsWith('Riverside'));
  if (!riverside) throw new Error('The trust lead does not work at Riverside');
  view = signedIn;
  if (signedIn.school.schoolId !== riverside.schoolId) {
    const moved = await context.request.post(lanternUrl('/api/auth/switch-school'), {
      headers: { 'X-CSRF-Token': signedIn.csrfToken },
      data: { schoolId: riverside.schoolId },
    });
    expect(moved.status()).toBe(200);
    view = (await moved.json()) as SignedInView;
  }
  await elevateWithDemoKey(context.request, PRIYA, view.csrfToken);
}, 150_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

it('switches training mode on, marks what is added, and off again with the school name', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = collectPageErrors(page);

  await page.goto(lanternUrl('/admin/settings'));
  await page.getByRole('heading', { level: 2, name: 'Training mode' }).waitFor();
  await page.getByRole('button', { name: 'Switch training mode on' }).click();
  await page.getByTestId('training-banner').waitFor();

  const lookup = await context.request.get(lanternUrl('/api/pupils/lookup?q=a'));
  const { items } = (await lookup.json()) as { items: { pupilId: string }[] };
  const pupilId = items[0]!.pupilId;
  const categories = await context.request.get(lanternUrl('/api/categories'));
  const { items: list } = (await categories.json()) as { items: { categoryId: string; name: string }[] };
  const incidentId = randomUUID();
  const added = await context.request.post(lanternUrl('/api/incidents'), {
    headers: { 'X-CSRF-Token': view.csrfToken },
    data: {
      incidentId,
      pupilId,
      text: 'A practice concern while training staff.',
      categoryIds: [list.find((category) => category.name === 'Behaviour')!.categoryId],
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  expect(added.status()).toBe(201);

  await page.goto(lanternUrl(`/incidents/${incidentId}?pupilId=${pupilId}`));
  const card = page.getByRole('article').filter({ hasText: 'A practice concern' });
  await card.getByText('Training', { exact: true }).waitFor();
  await page.getByTestId('training-banner').waitFor();

  await page.goto(lanternUrl('/admin/settings'));
  const entry = page.getByRole('checkbox', { name: /Discard: Incident \d+/ });
  await entry.waitFor();
  await expect(entry.isChecked()).resolves.toBe(true);
  await page.getByLabel(/Type the school’s full name/).fill(view.school.name);
  await page.getByRole('button', { name: 'Switch training mode off' }).click();
  await page.getByText(/Training mode is off\. 1 discarded, 0 kept/).waitFor();
  await page.getByRole('button', { name: 'Switch training mode on' }).waitFor();
  await expect(page.getByTestId('training-banner').count()).resolves.toBe(0);

  const gone = await context.request.get(lanternUrl(`/api/incidents/${incidentId}?pupilId=${pupilId}`));
  expect(gone.status()).toBe(404);
  expect(problems.errors).toEqual([]);
});
