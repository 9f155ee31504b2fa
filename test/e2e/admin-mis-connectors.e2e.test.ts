/**
 * Admin > MIS connection in a real headless Chromium against the local Lantern, as the elevated
 * designated safeguarding lead: create a connector credential (its secret shown once, copied with the
 * button), rotate it (confirmed; a new secret) and revoke it (confirmed; gone from the list). The test
 * names its credential with a suffix no other test uses.
 */
import type { Locator, Page } from 'playwright-core';
import { uniqueSuffix } from './support/admin-api';
import { useElevatedAdmin } from './support/admin-session';
import { collectPageErrors, lanternUrl } from './support/browser';
import { demoStaff, isApiCall } from './support/staff-sign-in';

jest.setTimeout(90_000);

const admin = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));
let page: Page;

beforeEach(() => {
  page = admin().page;
});

function rowFor(label: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
}

function secretShown(): Locator {
  return page.getByTestId('connector-secret');
}

it('creates a credential with its secret shown once, rotates it and revokes it', async () => {
  const problems = collectPageErrors(page);
  const { context, view } = admin();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: lanternUrl('/') });
  const label = `Wonde nightly ${uniqueSuffix()}`;

  // Reached from the admin tabs, like every admin area.
  await page.goto(lanternUrl('/admin'));
  await page.getByRole('link', { name: 'MIS connection' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'MIS connection' }).waitFor();

  // An empty name is refused on the page, beside the field.
  await page.getByRole('button', { name: 'Create credential' }).click();
  await page.getByText('Enter a name for the connector').first().waitFor();

  await page.getByLabel('Name', { exact: true }).fill(label);
  const created = page.waitForResponse((response) =>
    isApiCall(response, 'POST', '/api/admin/mis/connectors'),
  );
  await page.getByRole('button', { name: 'Create credential' }).click();
  expect((await created).status()).toBe(201);

  const panel = page.getByRole('region', { name: `Secret for ${label}` });
  await panel.waitFor();
  await expect(panel.innerText()).resolves.toContain('You will not see it again');
  const secret = await secretShown().innerText();
  expect(secret).toMatch(/^lcn_[A-Za-z0-9_-]{43}$/);
  await expect(panel.innerText()).resolves.toContain(
    `${lanternUrl('/').replace(/\/$/, '')}/api/mis/schools/${view.school.schoolId}/extracts`,
  );

  await panel.getByRole('button', { name: 'Copy secret' }).click();
  await panel.getByText('The secret is on your clipboard.').waitFor();
  await expect(page.evaluate<string>('navigator.clipboard.readText()')).resolves.toBe(secret);

  // Once dismissed, the secret is nowhere on the page, and the list shows the credential unused.
  await panel.getByRole('button', { name: 'I have copied it' }).click();
  await expect(secretShown().count()).resolves.toBe(0);
  await expect(page.content()).resolves.not.toContain(secret);
  const row = rowFor(label);
  await expect(row.getByRole('cell').nth(0).innerText()).resolves.toContain('by Dana Shah');
  await expect(row.getByRole('cell').nth(1).innerText()).resolves.toBe('Never');

  // Rotating asks first; cancelling changes nothing.
  await row.getByRole('button', { name: `Rotate ${label}` }).click();
  await row.getByText('Its current secret stops working at once.').waitFor();
  await row.getByRole('button', { name: 'Cancel' }).click();
  await row.getByRole('button', { name: `Rotate ${label}` }).click();
  const rotated = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().endsWith('/rotate'),
  );
  await row.getByRole('button', { name: 'Yes, rotate' }).click();
  expect((await rotated).status()).toBe(200);
  await page.getByRole('region', { name: `Secret for ${label}` }).waitFor();
  const newSecret = await secretShown().innerText();
  expect(newSecret).toMatch(/^lcn_/);
  expect(newSecret).not.toBe(secret);
  // The list reloads after the rotation: wait for the row to say so rather than read it once.
  await rowFor(label)
    .getByRole('cell')
    .nth(0)
    .getByText(/\(rotated /)
    .waitFor();

  // Revoking asks first, then the credential leaves the list.
  await rowFor(label)
    .getByRole('button', { name: `Revoke ${label}` })
    .click();
  const revoked = page.waitForResponse((response) => response.request().method() === 'DELETE');
  await rowFor(label).getByRole('button', { name: 'Yes, revoke' }).click();
  expect((await revoked).status()).toBe(204);
  await page.getByText(`${label} has been revoked: its connector can no longer push.`).waitFor();
  // The list reloads after the notice: the row goes once the new answer is in.
  await rowFor(label).waitFor({ state: 'detached' });
  await expect(secretShown().count()).resolves.toBe(0);

  expect(problems.errors).toEqual([]);
});
