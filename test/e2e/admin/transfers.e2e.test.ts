/**
 * Admin > Transfers (issue 6, TRF-2/3, BYD-1/2) in a real headless Chromium against the local Lantern,
 * whose state machine runs on the Step Functions stand-in. The demo's moved pupil (local/demo-transfer-
 * seed.ts: archived at Oakfield with incidents, active at Riverside with the same UPN) is a Pending
 * transfer. Priya (trust DSL) finds it at Riverside on a phone-sized screen, filters for it and requests
 * it; Dana at Oakfield ticks the category of the pupil's incidents in Manage Transfer Settings, then
 * authorises through the confirmation step; a page left open answers a second Authorise with the 409's
 * own words; the copy ends Transferred; Priya confirms receipt and sees the manifest, the receipt and how
 * to see the Legacy records; Dana sees the receipt at Oakfield.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { elevateWithDemoKey, signInThroughApi } from '../support/admin-session';
import { collectPageErrors, isExpectedRefusal, launchBrowser, lanternUrl } from '../support/browser';
import { demoStaff, isApiCall, type SignedInView } from '../support/staff-sign-in';

jest.setTimeout(240_000);

const PRIYA = demoStaff('priya.nair@trust.example.org');
const DANA = demoStaff('dana.shah@oakfield.example.org');
const PHONE = { width: 390, height: 844 };

interface Listing {
  transferId: string;
  direction: string;
  status: string;
  pupilId: string;
  pupilName: string;
  otherSchoolName: string;
  matchedOn: { kind: string; value: string };
}

let browser: Browser;
/** Priya, elevated, working at Riverside: the new school. */
let riverside: BrowserContext;
/** Dana, elevated, at Oakfield: the previous school. */
let oakfield: BrowserContext;
let transfer: Listing;

async function signInAt(
  context: BrowserContext,
  member: typeof PRIYA,
  schoolPrefix: string,
): Promise<SignedInView> {
  const signedIn = await signInThroughApi(context.request, member.email, member.password);
  const school = signedIn.schools.find((candidate) => candidate.name.startsWith(schoolPrefix));
  if (!school) throw new Error(`${member.email} does not work at ${schoolPrefix}`);
  let view = signedIn;
  if (signedIn.school.schoolId !== school.schoolId) {
    const moved = await context.request.post(lanternUrl('/api/auth/switch-school'), {
      headers: { 'X-CSRF-Token': signedIn.csrfToken },
      data: { schoolId: school.schoolId },
    });
    expect(moved.status()).toBe(200);
    view = (await moved.json()) as SignedInView;
  }
  await elevateWithDemoKey(context.request, member, view.csrfToken);
  return view;
}

async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

function transferRow(page: Page) {
  return page
    .getByRole('row')
    .filter({ has: page.locator(`a[href="/admin/transfers/${transfer.transferId}"]`) });
}

/** The value beside a label in the transfer's summary list. */
function detail(page: Page, label: string) {
  return page
    .locator('.summary-list__row')
    .filter({ has: page.getByRole('term').getByText(label, { exact: true }) })
    .getByRole('definition');
}

beforeAll(async () => {
  browser = await launchBrowser();
  riverside = await browser.newContext({ locale: 'en-GB' });
  oakfield = await browser.newContext({ locale: 'en-GB' });
  await signInAt(riverside, PRIYA, 'Riverside');
  await signInAt(oakfield, DANA, 'Oakfield');
  const listed = await riverside.request.get(
    lanternUrl('/api/admin/transfers?direction=incoming&status=Pending'),
  );
  expect(listed.status()).toBe(200);
  const { items } = (await listed.json()) as { items: Listing[] };
  const demo = items.find((item) => item.otherSchoolName.startsWith('Oakfield'));
  if (!demo) throw new Error('The demo seed has no Pending transfer from Oakfield to Riverside');
  transfer = demo;
}, 180_000);

afterAll(async () => {
  await riverside?.close();
  await oakfield?.close();
  await browser?.close();
});

it('lists the Pending incoming transfer at Riverside, filters to it, and requests it on a phone', async () => {
  const page = await newPage(riverside);
  const problems = collectPageErrors(page);
  await page.setViewportSize(PHONE);

  await page.goto(lanternUrl('/admin'));
  const tabs = page.getByRole('navigation', { name: 'Admin' });
  await tabs.getByRole('link', { name: 'Transfers', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Transfers' }).waitFor();
  await transferRow(page).waitFor();
  const cells = await transferRow(page).getByRole('cell').allInnerTexts();
  expect(await transferRow(page).getByRole('rowheader').innerText()).toBe(transfer.pupilName);
  expect(cells[0]).toBe(transfer.otherSchoolName);
  expect(cells.slice(1, 3)).toEqual(['Incoming', 'Pending']);
  expect(cells[4]).toBe('–');
  expect(cells[5]).toBe(`UPN ${transfer.matchedOn.value}`);
  await page.getByRole('region', { name: 'What the statuses and directions mean' }).waitFor();
  await page
    .getByText('Detected at both schools. Waiting for the new (incoming) school to request it.')
    .waitFor();
  await expect(fitsTheScreen(page)).resolves.toBe(true);

  // Incoming + "Needs my action": one GET with the filters as its query.
  await page.getByLabel('Direction', { exact: true }).selectOption('incoming');
  await page.getByLabel('Needs my action').check();
  let listed = page.waitForResponse((response) => isApiCall(response, 'GET', '/api/admin/transfers'));
  await page.getByRole('button', { name: 'Show transfers' }).click();
  const query = new URL((await listed).url()).searchParams;
  expect(Object.fromEntries(query)).toEqual({ direction: 'incoming', actionable: 'true' });
  expect(new URL(page.url()).search).toBe('?direction=incoming&actionable=true');
  await transferRow(page).waitFor();

  // Outgoing: Riverside sends nothing, and the empty list says how to get back.
  await page.getByLabel('Direction', { exact: true }).selectOption('outgoing');
  await page.getByRole('button', { name: 'Show transfers' }).click();
  await page.getByText('No transfers match these filters.').waitFor();
  await page.getByRole('link', { name: 'Show all transfers' }).click();
  await transferRow(page).waitFor();

  // The whole UPN finds it.
  await page.getByLabel('Search', { exact: true }).fill(transfer.matchedOn.value);
  listed = page.waitForResponse((response) => isApiCall(response, 'GET', '/api/admin/transfers'));
  await page.getByRole('button', { name: 'Show transfers' }).click();
  expect(new URL((await listed).url()).searchParams.get('q')).toBe(transfer.matchedOn.value);
  await transferRow(page).getByRole('link').click();

  await page.getByRole('heading', { level: 1, name: `Transfer: ${transfer.pupilName}` }).waitFor();
  await expect(detail(page, 'Direction').innerText()).resolves.toMatch(/^Incoming: /);
  await expect(detail(page, 'Previous school').innerText()).resolves.toBe(transfer.otherSchoolName);
  await expect(detail(page, 'Matched on').innerText()).resolves.toBe(`UPN ${transfer.matchedOn.value}`);
  await expect(
    detail(page, 'Pupil here').getByRole('link', { name: transfer.pupilName }).getAttribute('href'),
  ).resolves.toBe(`/pupils/${transfer.pupilId}`);
  await expect(fitsTheScreen(page)).resolves.toBe(true);

  await page.getByLabel('Note for the other school (optional)').fill('Joined Year 7 this term');
  const requested = page.waitForResponse((response) =>
    isApiCall(response, 'POST', `/api/admin/transfers/${transfer.transferId}/request`),
  );
  await page.getByRole('button', { name: 'Request', exact: true }).click();
  expect((await requested).status()).toBe(200);
  await page
    .getByRole('status')
    .getByText('Transfer requested. The previous school has been asked to authorise it.')
    .waitFor();
  await expect(detail(page, 'Status').innerText()).resolves.toMatch(/^Requested /);
  await page.getByRole('button', { name: 'Cancel request' }).waitFor();
  await expect(page.getByRole('button', { name: 'Request', exact: true }).count()).resolves.toBe(0);
  // The KCSIE clock started with the request, and the history names who asked, from which school.
  await page.getByRole('heading', { name: 'KCSIE deadline' }).waitFor();
  await expect(detail(page, 'Due by').innerText()).resolves.toContain('(the end of the fifth school day)');
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.innerText()).resolves.toContain('Priya Nair, Riverside');
  await expect(history.innerText()).resolves.toContain('Note: Joined Year 7 this term');
  await expect(fitsTheScreen(page)).resolves.toBe(true);
  expect(problems.errors).toEqual([]);
  await page.close();
});

it('at Oakfield: ticks a category in the settings, authorises after the confirmation, and a stale page is told it was already authorised', async () => {
  // The category of the pupil's incidents at Oakfield, so the transfer moves something.
  const outgoing = (
    (await (await oakfield.request.get(lanternUrl('/api/admin/transfers?direction=outgoing'))).json()) as {
      items: Listing[];
    }
  ).items.find((item) => item.transferId === transfer.transferId);
  if (!outgoing) throw new Error('Oakfield does not list the transfer as outgoing');
  const overview = (await (
    await oakfield.request.get(lanternUrl(`/api/chronology/${outgoing.pupilId}/overview`))
  ).json()) as { byCategory: { categoryId: string }[] };
  const categoryId = overview.byCategory[0]!.categoryId;

  const page = await newPage(oakfield);
  const problems = collectPageErrors(page);
  await page.goto(lanternUrl('/admin/transfers'));
  await page.getByRole('link', { name: 'Manage Transfer Settings' }).click();
  await page.getByRole('heading', { level: 1, name: 'Manage Transfer Settings' }).waitFor();
  const boxes = page.locator('input[type="checkbox"][id^="transfer-category-"]');
  await boxes.first().waitFor();
  // None are ticked by default.
  await expect(page.locator('input[id^="transfer-category-"]:checked').count()).resolves.toBe(0);
  const box = page.locator(`#transfer-category-${categoryId}`);
  const label = (await page.locator(`label[for="transfer-category-${categoryId}"]`).innerText()).replace(
    / \(disabled\)$/,
    '',
  );
  await box.check();
  const saved = page.waitForResponse((response) =>
    isApiCall(response, 'PUT', '/api/admin/transfers/settings'),
  );
  await page.getByRole('button', { name: 'Update' }).click();
  expect((await saved).status()).toBe(200);
  await page.getByText('Transfer settings updated: 1 category transfers.').waitFor();
  await page.reload();
  await page.locator(`#transfer-category-${categoryId}:checked`).waitFor();
  await page.getByText('Last updated').waitFor();

  // Two pages on the transfer: the second is left open while the first authorises.
  const stale = await newPage(oakfield);
  const staleProblems = collectPageErrors(
    stale,
    isExpectedRefusal(`/api/admin/transfers/${transfer.transferId}/authorise`),
  );
  for (const opened of [page, stale]) {
    await opened.goto(lanternUrl(`/admin/transfers/${transfer.transferId}`));
    await opened.getByRole('button', { name: 'Authorise' }).waitFor();
  }
  await expect(detail(page, 'Direction').innerText()).resolves.toMatch(/^Outgoing: /);
  await expect(detail(page, 'Status').innerText()).resolves.toMatch(/^Requested /);

  await page.getByRole('button', { name: 'Authorise' }).click();
  const confirmation = page.getByRole('group', { name: /^Authorise sending / });
  await confirmation.getByText('This cannot be undone, and the records cannot be re-sent.').waitFor();
  const categories = confirmation.getByTestId('transfer-confirm-categories');
  await expect(categories.getByRole('listitem').allInnerTexts()).resolves.toEqual([label]);
  await expect(confirmation.innerText()).resolves.toContain('document vault for names that should not go');
  // "Not now" sends nothing.
  await confirmation.getByRole('button', { name: 'Not now' }).click();
  await expect(detail(page, 'Status').innerText()).resolves.toMatch(/^Requested /);

  await page.getByRole('button', { name: 'Authorise' }).click();
  const authorised = page.waitForResponse((response) =>
    isApiCall(response, 'POST', `/api/admin/transfers/${transfer.transferId}/authorise`),
  );
  await page.getByRole('button', { name: 'Yes, authorise the transfer' }).click();
  expect((await authorised).status()).toBe(200);
  await page
    .getByRole('status')
    .getByText('Transfer authorised. The records are being copied to the new school.')
    .waitFor();

  // The stale page still offers Authorise; the API answers 409 and the page shows its words.
  await stale.getByRole('button', { name: 'Authorise' }).click();
  const refused = stale.waitForResponse((response) =>
    isApiCall(response, 'POST', `/api/admin/transfers/${transfer.transferId}/authorise`),
  );
  await stale.getByRole('button', { name: 'Yes, authorise the transfer' }).click();
  expect((await refused).status()).toBe(409);
  const alert = stale.getByRole('alert');
  await alert.waitFor();
  await expect(alert.innerText()).resolves.toMatch(
    /This transfer was already authorised by Dana Shah on .*; once authorised it cannot be authorised again or re-sent\./,
  );
  await alert.getByRole('button', { name: 'Reload and start again' }).click();
  await stale.getByRole('button', { name: 'Authorise' }).waitFor({ state: 'detached' });
  await expect(detail(stale, 'Status').innerText()).resolves.toMatch(/^Transferr(ing|ed) /);
  expect(staleProblems.errors).toEqual([]);
  await stale.close();

  // The copy runs on the Step Functions stand-in; Refresh until it is Transferred.
  const deadline = Date.now() + 120_000;
  while (!/^Transferred /.test(await detail(page, 'Status').innerText()) && Date.now() < deadline) {
    await page.waitForTimeout(2_000);
    const reloaded = page.waitForResponse((response) =>
      isApiCall(response, 'GET', `/api/admin/transfers/${transfer.transferId}`),
    );
    await page.getByRole('button', { name: 'Refresh' }).click();
    await reloaded;
  }
  await expect(detail(page, 'Status').innerText()).resolves.toMatch(/^Transferred /);
  const settingsInForce = page.getByRole('region', { name: 'Categories that transferred' });
  await expect(settingsInForce.getByRole('listitem').allInnerTexts()).resolves.toEqual([
    label.split(' – ').at(-1),
  ]);
  await expect(page.getByTestId('transfer-manifest').innerText()).resolves.toContain('Not confirmed yet');
  expect(problems.errors).toEqual([]);
  await page.close();
});

it('at Riverside: confirms receipt and sees the manifest, the receipt and how to see the Legacy records', async () => {
  const page = await newPage(riverside);
  const problems = collectPageErrors(page);
  await page.setViewportSize(PHONE);
  await page.goto(lanternUrl(`/admin/transfers/${transfer.transferId}`));
  await page.getByRole('heading', { level: 1, name: `Transfer: ${transfer.pupilName}` }).waitFor();
  await expect(detail(page, 'Status').innerText()).resolves.toMatch(/^Transferred /);

  const manifest = page.getByTestId('transfer-manifest');
  const incidents = Number(await detail(page, 'Incidents').innerText());
  expect(incidents).toBeGreaterThan(0);
  await expect(detail(page, 'Set SHA-256').innerText()).resolves.toMatch(/^[0-9a-f]{64}$/);
  const files = Number(await detail(page, 'Files').innerText());
  if (files > 0) {
    const hashes = await page
      .getByRole('table', { name: 'Files sent, with their SHA-256' })
      .locator('code')
      .allInnerTexts();
    expect(hashes).toHaveLength(files);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  } else {
    await page.getByText('No files were sent.').waitFor();
  }

  const legacy = page.getByRole('region', { name: 'How to see the transferred records' });
  await expect(legacy.innerText()).resolves.toContain(
    'Give your user groups permission on the Legacy categories in Admin > Users > user group',
  );
  await expect(
    legacy.getByRole('link', { name: 'Give permission on the Legacy categories' }).getAttribute('href'),
  ).resolves.toBe('/admin/user-groups');

  const confirmed = page.waitForResponse((response) =>
    isApiCall(response, 'POST', `/api/admin/transfers/${transfer.transferId}/receipt`),
  );
  await page.getByRole('button', { name: 'Confirm receipt' }).click();
  expect((await confirmed).status()).toBe(200);
  await page
    .getByRole('status')
    .getByText('Receipt confirmed. Both schools can see who confirmed it and when.')
    .waitFor();
  await expect(manifest.getByTestId('transfer-receipt').innerText()).resolves.toMatch(
    /^Confirmed by Priya Nair, Riverside/,
  );
  await expect(page.getByRole('button', { name: 'Confirm receipt' }).count()).resolves.toBe(0);
  await expect(fitsTheScreen(page)).resolves.toBe(true);

  // The list says Transferred too.
  await page.getByRole('link', { name: 'Back to Transfers' }).click();
  await transferRow(page).waitFor();
  await expect(transferRow(page).getByRole('cell').nth(2).innerText()).resolves.toBe('Transferred');
  await expect(fitsTheScreen(page)).resolves.toBe(true);
  expect(problems.errors).toEqual([]);
  await page.close();
});

it('at Oakfield: sees who confirmed receipt, and when', async () => {
  const page = await newPage(oakfield);
  const problems = collectPageErrors(page);
  await page.goto(lanternUrl(`/admin/transfers/${transfer.transferId}`));
  const receipt = page.getByTestId('transfer-receipt');
  await receipt.waitFor();
  await expect(receipt.innerText()).resolves.toMatch(/^Confirmed by Priya Nair, Riverside Academy/);
  await expect(page.getByRole('button', { name: 'Confirm receipt' }).count()).resolves.toBe(0);
  await expect(
    page.getByRole('region', { name: 'How to see the transferred records' }).count(),
  ).resolves.toBe(0);
  expect(problems.errors).toEqual([]);
  await page.close();
});
