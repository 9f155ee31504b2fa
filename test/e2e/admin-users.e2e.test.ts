/**
 * Admin > Users in a real headless Chromium against the local Lantern: the designated safeguarding
 * lead, elevated with her demo authenticator app, adds users, moves them between groups, deactivates
 * and reactivates them, unlocks a locked-out user, removes a lost key, and reads a user's audit trail.
 * Every test works on users it creates itself, with names and emails no other test uses.
 */
import {
  request as playwrightRequest,
  type APIRequestContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { settledStep, totpForStep } from '../support/reference-totp';
import { AdminApi, uniqueEmail, uniqueSuffix, type UserSummary } from './support/admin-api';
import { signInThroughApi, useElevatedAdmin } from './support/admin-session';
import { collectPageErrors, lanternUrl } from './support/browser';
import { passwordLinkTokenFor } from './support/mailbox';
import { demoStaff, isApiCall } from './support/staff-sign-in';

jest.setTimeout(90_000);

const DSL = demoStaff('dana.shah@oakfield.example.org');
const NEW_PASSWORD = 'brass lantern orchard velvet';

const admin = useElevatedAdmin(DSL);
let page: Page;
let api: AdminApi;

beforeEach(() => {
  const session = admin();
  page = session.page;
  api = new AdminApi(session.context.request, session.view.csrfToken);
});

function heading(name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** The table row whose row header (the first cell) is `name`. */
function rowFor(name: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

async function focusedText(): Promise<string> {
  return page.evaluate<string>('document.activeElement ? document.activeElement.textContent : ""');
}

/** The machine-readable times of a table's rows, top to bottom. */
async function timesIn(table: Locator): Promise<(string | null)[]> {
  return Promise.all((await table.locator('time').all()).map((time) => time.getAttribute('datetime')));
}

async function openUser(user: UserSummary): Promise<void> {
  await page.goto(lanternUrl(`/admin/users/${user.personId}`));
  await heading(user.displayName).waitFor();
}

/** A new Teacher who has set a password from their emailed link, with a browser-less session of their own. */
async function addUserWhoSetsAPassword(
  label: string,
): Promise<{ user: UserSummary; email: string; own: APIRequestContext }> {
  const email = uniqueEmail(label);
  const user = await api.addUser({
    displayName: `${label} ${uniqueSuffix()}`,
    email,
    groupName: 'Teachers',
    sendPasswordEmail: true,
  });
  const own = await playwrightRequest.newContext();
  const token = await passwordLinkTokenFor(email);
  const set = await own.post(lanternUrl('/api/auth/password'), { data: { token, password: NEW_PASSWORD } });
  expect(set.status()).toBe(204);
  return { user, email, own };
}

describe('the users list', () => {
  it('is reached from the Admin menu, and a user added there is listed with their group', async () => {
    const problems = collectPageErrors(page);
    const name = `Sam Ahmed ${uniqueSuffix()}`;
    const email = uniqueEmail('added');
    await page.goto(lanternUrl('/'));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await heading('Admin').waitFor();
    const tabs = page.getByRole('navigation', { name: 'Admin' });
    await expect(tabs.getByRole('link').allInnerTexts()).resolves.toEqual([
      'Users',
      'User groups',
      'Alert groups',
      'Categories',
      'Agencies',
      'Classes',
      'Settings',
      'Calendar',
      'MIS connection',
      'Imports',
      'Transfers',
    ]);
    await tabs.getByRole('link', { name: 'Users' }).click();
    await heading('Users').waitFor();
    await expect(tabs.getByRole('link', { name: 'Users' }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    await expect(page.title()).resolves.toBe('Users – Admin – Lantern');

    await page.getByRole('link', { name: 'Add a user' }).click();
    await heading('Add a user').waitFor();
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('User group').selectOption({ label: 'Teachers' });
    await page.getByLabel('Email them a link to set their password').uncheck();
    const added = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/admin/users'));
    await page.getByRole('button', { name: 'Add user' }).click();
    const response = await added;

    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toEqual({
      displayName: name,
      email,
      groupId: await api.groupIdNamed('Teachers'),
      sendPasswordEmail: false,
    });
    expect(response.request().headers()['x-csrf-token']).toBe(admin().view.csrfToken);
    await heading('Users').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    // The notice says what happened and has focus, so a screen reader reads it first.
    await expect(page.getByRole('status').filter({ hasText: 'has been added' }).innerText()).resolves.toBe(
      `${name} has been added.`,
    );
    await expect(focusedText()).resolves.toBe(`${name} has been added.`);
    const row = rowFor(name);
    await row.waitFor();
    await expect(row.getByRole('cell').allInnerTexts()).resolves.toEqual([
      email,
      'Teachers',
      'No password yet',
    ]);
    expect(problems.errors).toEqual([]);
  });

  it('checks the new user form in the browser and links each problem to its field', async () => {
    await page.goto(lanternUrl('/admin/users/new'));
    await heading('Add a user').waitFor();
    let posted = false;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/admin/users')
        posted = true;
    });

    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Add user' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    await expect(summary.getByRole('link').allInnerTexts()).resolves.toEqual([
      'Enter their full name',
      'Enter an email address in the correct format, like name@school.sch.uk',
      'Choose a user group',
    ]);
    await expect(page.getByLabel('Full name').getAttribute('aria-invalid')).resolves.toBe('true');
    await summary.getByRole('link', { name: 'Choose a user group' }).click();
    await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('new-user-group');
    expect(posted).toBe(false);
  });

  it('shows the API refusing an email that is already a user here beside the email field', async () => {
    const existing = await api.addUser({
      displayName: `Already Here ${uniqueSuffix()}`,
      email: uniqueEmail('duplicate'),
      groupName: 'Teachers',
    });
    await page.goto(lanternUrl('/admin/users/new'));
    await heading('Add a user').waitFor();

    await page.getByLabel('Full name').fill('Someone Else');
    await page.getByLabel('Email address').fill(existing.email);
    await page.getByLabel('User group').selectOption({ label: 'Teachers' });
    await page.getByRole('button', { name: 'Add user' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'This person is already a user here.' }).waitFor();
    await expect(page.getByLabel('Email address').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(new URL(page.url()).pathname).toBe('/admin/users/new');
  });
});

describe("a user's page", () => {
  it('moves the user to another user group', async () => {
    const user = await api.addUser({
      displayName: `Mover ${uniqueSuffix()}`,
      email: uniqueEmail('mover'),
      groupName: 'Teachers',
    });
    await openUser(user);

    await page.getByRole('combobox', { name: 'User group' }).selectOption({ label: 'Non-teaching staff' });
    const moved = page.waitForResponse((response) =>
      isApiCall(response, 'PATCH', `/api/admin/users/${user.personId}`),
    );
    await page.getByRole('button', { name: 'Move to this group' }).click();

    expect((await moved).request().postDataJSON()).toEqual({
      groupId: await api.groupIdNamed('Non-teaching staff'),
    });
    await page.getByRole('status').getByText(`${user.displayName} is now in Non-teaching staff.`).waitFor();
    await page.getByRole('definition').filter({ hasText: 'Non-teaching staff' }).waitFor();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).click();
    await heading('Users').waitFor();
    await expect(rowFor(user.displayName).getByRole('cell').nth(1).innerText()).resolves.toBe(
      'Non-teaching staff',
    );
  });

  it('deactivates a user, who then appears under Deactivated users and can be reactivated into a group', async () => {
    const user = await api.addUser({
      displayName: `Leaver ${uniqueSuffix()}`,
      email: uniqueEmail('leaver'),
      groupName: 'Teachers',
    });
    await openUser(user);

    await page.getByRole('button', { name: `Deactivate ${user.displayName}` }).click();

    await page
      .getByRole('status')
      .getByText(`${user.displayName} has been deactivated and signed out of this school.`)
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Reactivate' }).waitFor();
    await page.getByRole('link', { name: 'Back to deactivated users' }).click();
    await heading('Deactivated users').waitFor();
    const row = rowFor(user.displayName);
    await expect(row.getByRole('cell').first().innerText()).resolves.toBe(user.email);

    await row
      .getByLabel(`User group for ${user.displayName}`)
      .selectOption({ label: 'Senior Leadership Team' });
    const reactivated = page.waitForResponse((response) =>
      isApiCall(response, 'POST', `/api/admin/users/${user.personId}/reactivate`),
    );
    await row.getByRole('button', { name: `Reactivate ${user.displayName}` }).click();

    expect((await reactivated).status()).toBe(200);
    await page
      .getByRole('status')
      .getByText(`${user.displayName} is active again, in Senior Leadership Team.`)
      .waitFor();
    await rowFor(user.displayName).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Back to active users' }).click();
    await heading('Users').waitFor();
    await expect(rowFor(user.displayName).getByRole('cell').nth(1).innerText()).resolves.toBe(
      'Senior Leadership Team',
    );
  });

  it('says the email can only be changed by an operator when the user works at another school', async () => {
    const trustLead = (await api.users()).find((user) => user.email === 'priya.nair@trust.example.org');
    expect(trustLead).toBeDefined();
    await openUser(trustLead!);

    const email = page.getByLabel('Email address');
    await expect(email.isDisabled()).resolves.toBe(true);
    const hintId = (await email.getAttribute('aria-describedby'))!.split(' ')[0]!;
    await expect(page.locator(`#${hintId}`).innerText()).resolves.toMatch(
      /only a Lantern operator can change it/,
    );
  });

  it('unlocks a user locked out by wrong passwords, who can then sign in', async () => {
    const { user, email, own } = await addUserWhoSetsAPassword('Locked');
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const refused = await own.post(lanternUrl('/api/auth/sign-in'), {
          data: { email, password: 'not their password at all' },
        });
        expect(refused.ok()).toBe(false);
      }
      await page.goto(lanternUrl('/admin/users'));
      await heading('Users').waitFor();
      await expect(rowFor(user.displayName).innerText()).resolves.toMatch(
        /Locked until \d{1,2} [A-Z][a-z]+ \d{4}/,
      );

      await openUser(user);
      await page.getByRole('button', { name: 'Unlock sign-in' }).click();

      await page.getByRole('status').getByText(`${user.displayName} can sign in again.`).waitFor();
      await page.getByRole('button', { name: 'Unlock sign-in' }).waitFor({ state: 'detached' });
      await page.getByRole('cell', { name: 'Sign-in unlocked' }).first().waitFor();
      await expect(signInThroughApi(own, email, NEW_PASSWORD)).resolves.toMatchObject({
        person: { email },
      });
    } finally {
      await own.dispose();
    }
  });

  it('sends a password link from the page', async () => {
    const user = await api.addUser({
      displayName: `Linked ${uniqueSuffix()}`,
      email: uniqueEmail('link'),
      groupName: 'Teachers',
    });
    await openUser(user);

    await page.getByRole('button', { name: 'Send a link to set a password' }).click();

    await page
      .getByRole('status')
      .getByText('A link to set a password is on its way. It works until midnight tonight.')
      .waitFor();
    await expect(passwordLinkTokenFor(user.email)).resolves.toMatch(/^pw_/);
  });

  it('removes a lost key only after the admin confirms, and signs the user out everywhere', async () => {
    const { user, email, own } = await addUserWhoSetsAPassword('Key holder');
    try {
      const session = await signInThroughApi(own, email, NEW_PASSWORD);
      const headers = { 'X-CSRF-Token': session.csrfToken };
      const started = await own.post(lanternUrl('/api/auth/keys/totp'), { headers });
      expect(started.status()).toBe(201);
      const { registrationId, secret } = (await started.json()) as { registrationId: string; secret: string };
      const confirmed = await own.post(lanternUrl('/api/auth/keys/totp/confirm'), {
        headers,
        data: { registrationId, code: totpForStep(secret, await settledStep()), label: 'Work phone' },
      });
      expect(confirmed.status()).toBe(201);

      await page.goto(lanternUrl('/admin/users'));
      await heading('Users').waitFor();
      await expect(rowFor(user.displayName).getByRole('cell').nth(2).innerText()).resolves.toBe('Has key');
      await openUser(user);
      const keys = page.getByRole('table', { name: `Keys of ${user.displayName}` });
      await expect(keys.getByRole('rowheader').allInnerTexts()).resolves.toEqual(['Work phone']);

      // Not yet confirmed: nothing is sent, and the checkbox says why.
      let removals = 0;
      page.on('request', (request) => {
        if (request.url().endsWith(`/api/admin/users/${user.personId}/remove-keys`)) removals += 1;
      });
      await page.getByRole('button', { name: 'Remove all keys' }).click();
      const confirmation = page.getByLabel(/^I understand .* will be signed out everywhere/);
      await expect(confirmation.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('remove-keys-confirm');
      expect(removals).toBe(0);

      await confirmation.check();
      const removed = page.waitForResponse((response) =>
        isApiCall(response, 'POST', `/api/admin/users/${user.personId}/remove-keys`),
      );
      await page.getByRole('button', { name: 'Remove all keys' }).click();
      const answer = await removed;

      expect(answer.request().postDataJSON()).toEqual({ confirm: true });
      await expect(answer.json()).resolves.toEqual({ removed: 1 });
      await page
        .getByRole('status')
        .getByText(`Removed 1 key from ${user.displayName}. They have been signed out everywhere.`)
        .waitFor();
      await page.getByText(`${user.displayName} has no key, so they cannot elevate their access.`).waitFor();
      expect((await own.get(lanternUrl('/api/auth/session'))).status()).toBe(401);
      await expect(api.user(user.personId)).resolves.toMatchObject({ hasKey: false, keys: [] });
    } finally {
      await own.dispose();
    }
  });

  it("pages through the admin's own audit trail, newest first", async () => {
    const subject = await api.addUser({
      displayName: `Audited ${uniqueSuffix()}`,
      email: uniqueEmail('audited'),
      groupName: 'Teachers',
    });
    // More audited reads than one page holds, all by the signed-in admin.
    for (let read = 0; read < 21; read += 1) {
      await api.get(`/api/admin/users/${subject.personId}/security-log?limit=1`);
    }
    const self = (await api.users()).find((user) => user.email === DSL.email)!;
    await openUser(self);

    const trail = page.getByRole('table', { name: `Audit trail of ${DSL.displayName}, newest first` });
    const rows = trail.getByRole('row').filter({ has: page.getByRole('cell') });
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(20);
    const firstPageTimes = await timesIn(trail);
    expect([...firstPageTimes].sort().reverse()).toEqual(firstPageTimes);
    await expect(rows.getByText("Viewed a user's security log").count()).resolves.toBeGreaterThan(0);

    const nextPage = page.waitForResponse(
      (response) =>
        isApiCall(response, 'GET', `/api/audit/users/${self.personId}`) &&
        new URL(response.url()).searchParams.has('cursor'),
    );
    await page.getByRole('button', { name: 'Load more' }).click();
    expect((await nextPage).status()).toBe(200);
    await rows.nth(20).waitFor();
    const allTimes = await timesIn(trail);
    expect(allTimes.slice(0, 20)).toEqual(firstPageTimes);
    expect([...allTimes].sort().reverse()).toEqual(allTimes);
  });
});
