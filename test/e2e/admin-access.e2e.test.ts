/**
 * Who gets the admin area, in a real headless Chromium against the local Lantern: a teacher never sees
 * it and is told so at an admin address; the designated safeguarding lead sees it only once she has
 * elevated with her key, and until then an admin address says how to elevate. Each test has a fresh
 * browser context of its own.
 */
import type { Page } from 'playwright-core';
import { freshDemoCode } from './support/admin-session';
import { collectPageErrors, isExpectedRefusal, lanternUrl, useFreshPagePerTest } from './support/browser';
import { demoStaff, isApiCall, signInAs } from './support/staff-sign-in';

jest.setTimeout(90_000);

const DSL = demoStaff('dana.shah@oakfield.example.org');
const TEACHER = demoStaff('tom.reed@oakfield.example.org');

const currentPage = useFreshPagePerTest();
let page: Page;

beforeEach(() => {
  page = currentPage();
});

/** Signs in and waits for the answer the menu is built from, so a missing entry means "not offered". */
async function signInAndReadAccess(
  member: typeof DSL,
): Promise<{ permissions: string[]; elevated: boolean }> {
  const access = page.waitForResponse((response) => isApiCall(response, 'GET', '/api/access/me'));
  await signInAs(page, member);
  return (await (await access).json()) as { permissions: string[]; elevated: boolean };
}

function mainMenu() {
  return page.getByRole('navigation', { name: 'Main' });
}

describe('a teacher', () => {
  it('has no Admin menu, and an admin address says their group does not allow it', async () => {
    const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session'));
    const access = await signInAndReadAccess(TEACHER);
    expect(access.permissions.filter((permission) => permission.startsWith('admin.'))).toEqual([]);
    await expect(mainMenu().getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);

    await page.goto(lanternUrl('/admin/users'));

    await page.getByRole('heading', { level: 1, name: 'You cannot use this admin page' }).waitFor();
    await expect(page.getByRole('main').innerText()).resolves.toContain(
      'Your user group (Teachers) does not allow you to use this part of admin.',
    );
    await expect(page.getByRole('navigation', { name: 'Admin' }).count()).resolves.toBe(0);
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    // The API refuses it too, whatever the page shows.
    const refused = await page.context().request.get(lanternUrl('/api/admin/users'));
    expect(refused.status()).toBe(403);
    await expect(refused.json()).resolves.toMatchObject({ type: 'urn:lantern:problem:forbidden' });
    expect(problems.errors).toEqual([]);
  });
});

describe('the designated safeguarding lead', () => {
  it('is asked to elevate at an admin address, and gets the Admin menu once she has', async () => {
    const access = await signInAndReadAccess(DSL);
    expect(access).toMatchObject({ elevated: false, elevationWouldAdd: true });
    expect(access.permissions).not.toContain('admin.users');
    await expect(mainMenu().getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
    const refused = await page.context().request.get(lanternUrl('/api/admin/settings'));
    expect(refused.status()).toBe(403);
    await expect(refused.json()).resolves.toMatchObject({ type: 'urn:lantern:problem:elevation-required' });

    await page.goto(lanternUrl('/admin/settings'));

    await page.getByRole('heading', { level: 1, name: 'Elevate your access to use admin' }).waitFor();
    await expect(page.getByLabel('Idle timeout (minutes)').count()).resolves.toBe(0);
    await page.getByRole('main').getByRole('link', { name: 'Elevate your access' }).click();
    await page.getByRole('heading', { level: 1, name: 'Elevate your access' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/elevate');

    const { code } = await freshDemoCode(page.context().request, DSL);
    await page.getByLabel('Code from your authenticator app').fill(code);
    const reread = page.waitForResponse((response) => isApiCall(response, 'GET', '/api/access/me'));
    await page.getByRole('button', { name: 'Elevate with code' }).click();

    // Elevating changes the session, so what it may do is asked again and the menu follows.
    await expect((await reread).json()).resolves.toMatchObject({ elevated: true });
    await mainMenu().getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByLabel('Idle timeout (minutes)').waitFor();
  });
});
