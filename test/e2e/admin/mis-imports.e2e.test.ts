/**
 * Admin > Imports and the dashboard's MIS import light (MIS-3, MIS-4) in a real headless Chromium
 * against the local Lantern. The trust's safeguarding lead works at Riverside (so the other suites'
 * Oakfield pupils and classes are untouched): a connector credential pushes a valid Lantern extract
 * and a broken one through the public API; the log shows both, the broken one's page names the field
 * and the reason; "Run import now" says when it starts and the Scheduler stand-in runs it; the light
 * turns from "Never imported" to up to date, on the dashboard too, for a teacher as well; and with
 * class restrictions on, the lead is told which new class from the MIS needs access.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { uniqueSuffix } from '../support/admin-api';
import { elevateWithDemoKey, signInThroughApi } from '../support/admin-session';
import { collectPageErrors, launchBrowser, lanternUrl } from '../support/browser';
import { demoStaff, isApiCall, type SignedInView } from '../support/staff-sign-in';

jest.setTimeout(180_000);

const PRIYA = demoStaff('priya.nair@trust.example.org');
const RAVI = demoStaff('ravi.cole@riverside.example.org');
/** Valid UPNs (check letters right); no demo pupil has them. */
const UPNS = ['B801200005001', 'Q801200005002', 'E801200005003'];
const suffix = uniqueSuffix();
const CLASS_NAME = `9Q ${suffix.slice(-6)}`;

let browser: Browser;
let context: BrowserContext;
let view: SignedInView;
let secret: string;
let receivedId: string;
let rejectedId: string;
let rejection: { field: string; reason: string };

async function signInAtRiverside(target: BrowserContext, member: typeof PRIYA): Promise<SignedInView> {
  const signedIn = await signInThroughApi(target.request, member.email, member.password);
  const riverside = signedIn.schools.find((school) => school.name.startsWith('Riverside'));
  if (!riverside) throw new Error(`${member.email} does not work at Riverside`);
  if (signedIn.school.schoolId === riverside.schoolId) return signedIn;
  const moved = await target.request.post(lanternUrl('/api/auth/switch-school'), {
    headers: { 'X-CSRF-Token': signedIn.csrfToken },
    data: { schoolId: riverside.schoolId },
  });
  expect(moved.status()).toBe(200);
  return (await moved.json()) as SignedInView;
}

function extract() {
  return {
    format: 'lantern-mis-extract/1',
    generatedAt: '2026-11-22T01:30:00Z',
    complete: false,
    groups: [{ id: `T-${suffix}`, name: CLASS_NAME, kind: 'tutor' }],
    pupils: UPNS.map((upn, index) => ({
      id: `e2e-${suffix}-${index}`,
      upn,
      legalForename: ['Kemi', 'Oliver', 'Saanvi'][index],
      legalSurname: 'Adeyemi',
      dateOfBirth: `2011-10-1${index}`,
      gender: 'F',
      groupIds: [`T-${suffix}`],
      contacts: [],
      siblingIds: [],
      attendance: [],
    })),
    staff: [],
  };
}

async function push(body: unknown) {
  const response = await context.request.post(
    lanternUrl(`/api/mis/schools/${view.school.schoolId}/extracts`),
    {
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      data: JSON.stringify(body),
    },
  );
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

function logRow(page: Page, importId: string): Locator {
  return page.getByRole('row').filter({ has: page.locator(`a[href="/admin/imports/${importId}"]`) });
}

function healthLight(page: Page): Locator {
  return page.getByTestId('mis-health-light');
}

/** The import's line in the log, as cell texts: received, format, status, trigger, then the counts. */
async function logCells(page: Page, importId: string): Promise<string[]> {
  const row = logRow(page, importId);
  return [await row.getByRole('rowheader').innerText(), ...(await row.getByRole('cell').allInnerTexts())];
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'en-GB' });
  view = await signInAtRiverside(context, PRIYA);
  await elevateWithDemoKey(context.request, PRIYA, view.csrfToken);

  const created = await context.request.post(lanternUrl('/api/admin/mis/connectors'), {
    headers: { 'X-CSRF-Token': view.csrfToken },
    data: { label: `E2E imports ${suffix}` },
  });
  expect(created.status()).toBe(201);
  secret = ((await created.json()) as { secret: string }).secret;

  const received = await push(extract());
  expect(received.status).toBe(202);
  receivedId = String(received.body.importId);

  // Structurally broken: `pupils` must be a list. Rejected whole, logged, nothing changed.
  const rejected = await push({ ...extract(), pupils: 'everyone' });
  expect(rejected.status).toBe(400);
  const errors = rejected.body.errors as { field: string; reason: string }[];
  rejection = errors[0]!;
  expect(rejection.field).toBe('body.pupils');
  rejectedId = /import ([0-9a-f-]{36})/.exec(String(rejected.body.detail))?.[1] ?? '';
  expect(rejectedId).not.toBe('');
}, 150_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

it('lists both extracts with their statuses, and the rejected one names the field and the reason', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = collectPageErrors(page);

  // Reached from the admin tabs, beside MIS connection.
  await page.goto(lanternUrl('/admin'));
  const tabs = page.getByRole('navigation', { name: 'Admin' });
  await tabs.getByRole('link', { name: 'Imports', exact: true }).waitFor();
  const tabNames = await tabs.getByRole('link').allInnerTexts();
  expect(tabNames.indexOf('Imports')).toBe(tabNames.indexOf('MIS connection') + 1);
  await tabs.getByRole('link', { name: 'Imports', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();

  await expect(healthLight(page).innerText()).resolves.toContain('Out of date: Never imported.');
  await expect(healthLight(page).getAttribute('class')).resolves.toContain('health-light--red');

  await logRow(page, receivedId).waitFor();
  const receivedCells = await logCells(page, receivedId);
  expect(receivedCells.slice(1, 3)).toEqual(['Lantern JSON', 'Received']);
  const rejectedCells = await logCells(page, rejectedId);
  expect(rejectedCells[2]).toBe('Rejected');
  // Newest first: the rejected extract was pushed after the received one.
  const links = await page.locator('table.import-log tbody a').all();
  const rows = await Promise.all(links.map((link) => link.getAttribute('href')));
  expect(rows.indexOf(`/admin/imports/${rejectedId}`)).toBeLessThan(
    rows.indexOf(`/admin/imports/${receivedId}`),
  );

  await logRow(page, rejectedId).getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: /^Import received / }).waitFor();
  const outcome = page.getByTestId('import-rejection');
  await expect(outcome.innerText()).resolves.toContain(
    'The extract was rejected; nothing of it was applied.',
  );
  await expect(outcome.innerText()).resolves.toContain(`Field: ${rejection.field}`);
  await expect(outcome.innerText()).resolves.toContain(`Reason: ${rejection.reason}`);
  await page.getByText('No rows were skipped or flagged.').waitFor();

  await page.getByRole('link', { name: 'Back to Imports' }).click();
  await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
  expect(problems.errors).toEqual([]);
  await page.close();
});

it('runs the import now: says when it starts, and the log and the light show it applied', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = collectPageErrors(page);
  await page.goto(lanternUrl('/admin/imports'));
  await logRow(page, receivedId).waitFor();

  // Asks first; cancelling sends nothing.
  await page.getByRole('button', { name: 'Run import now' }).click();
  await page.getByText('Apply the newest extract now?').waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Run import now' }).click();
  const requested = page.waitForResponse((response) =>
    isApiCall(response, 'POST', '/api/admin/mis/imports/run'),
  );
  await page.getByRole('button', { name: 'Yes, run the import now' }).click();
  const answer = await requested;
  expect(answer.status()).toBe(202);
  const { startsAt, importId } = (await answer.json()) as { startsAt: string; importId: string };
  expect(importId).toBe(receivedId);
  const at = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(startsAt));
  await page.getByRole('status').getByText(`The import starts at ${at}; refresh to see it.`).waitFor();

  // The Scheduler stand-in fires the one-off schedule a few seconds later; Refresh until it is applied.
  const deadline = Date.now() + 90_000;
  let cells = await logCells(page, receivedId);
  while (cells[2] !== 'Applied' && Date.now() < deadline) {
    await page.waitForTimeout(2_000);
    const reloaded = page.waitForResponse((response) => isApiCall(response, 'GET', '/api/admin/mis/imports'));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await reloaded;
    await logRow(page, receivedId).waitFor();
    cells = await logCells(page, receivedId);
  }
  // Received, format, status, trigger, added, updated, archived, unchanged, rows skipped, problems.
  expect(cells.slice(1)).toEqual(['Lantern JSON', 'Applied', 'Run now', '3', '0', '0', '0', '0', '0']);
  await expect(healthLight(page).innerText()).resolves.toMatch(
    /^Up to date: Last successful import (less than a minute|\d+ minutes?) ago\.$/,
  );

  await logRow(page, receivedId).getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: /^Import received / }).waitFor();
  const details = page.getByRole('main');
  await expect(details.innerText()).resolves.toMatch(/Pupils added\s+3/);
  await expect(details.innerText()).resolves.toMatch(/Classes added\s+1/);
  await expect(details.innerText()).resolves.toMatch(/Trigger\s+Run now/);
  expect(problems.errors).toEqual([]);
  await page.close();
});

it('shows the light in words on the dashboard, to a teacher too, and tells the lead which new class needs access', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = collectPageErrors(page);
  await page.goto(lanternUrl('/'));
  const tile = page.getByRole('region', { name: 'MIS import' });
  await tile.getByTestId('mis-health-light').waitFor();
  await expect(tile.innerText()).resolves.toContain('Up to date: Last successful import');
  // Class restrictions are off at Riverside: nobody is told about classes.
  await expect(tile.getByText('New classes from the MIS need access').count()).resolves.toBe(0);

  const teacherContext = await browser.newContext({ locale: 'en-GB' });
  try {
    await signInAtRiverside(teacherContext, RAVI);
    const teacherPage = await teacherContext.newPage();
    teacherPage.setDefaultTimeout(20_000);
    await teacherPage.goto(lanternUrl('/'));
    const teacherTile = teacherPage.getByRole('region', { name: 'MIS import' });
    await teacherTile.getByTestId('mis-health-light').waitFor();
    await expect(teacherTile.innerText()).resolves.toContain('Up to date: Last successful import');
  } finally {
    await teacherContext.close();
  }

  const settings = async (classRestrictionsEnabled: boolean) => {
    const current = (await (await context.request.get(lanternUrl('/api/admin/settings'))).json()) as Record<
      string,
      unknown
    >;
    const saved = await context.request.put(lanternUrl('/api/admin/settings'), {
      headers: { 'X-CSRF-Token': view.csrfToken },
      data: {
        idleTimeoutMinutes: current.idleTimeoutMinutes,
        allowedEmailDomains: current.allowedEmailDomains,
        classRestrictionsEnabled,
        requireAlert: current.requireAlert,
        version: current.version,
      },
    });
    expect(saved.status()).toBe(200);
  };
  await settings(true);
  try {
    await page.reload();
    const notice = tile.getByText('New classes from the MIS need access:');
    await notice.waitFor();
    await expect(notice.innerText()).resolves.toContain(CLASS_NAME);
    await tile.getByRole('link', { name: 'Give access in Admin > Classes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Classes' }).waitFor();
  } finally {
    await settings(false);
  }
  expect(problems.errors).toEqual([]);
  await page.close();
});
