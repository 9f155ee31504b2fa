/**
 * Signed-in Lantern in a real headless Chromium, against the local Lantern that global-setup.ts started:
 * signing in as the demo staff, the home page, switching school, the security log, signing out, the
 * session cookie and CSRF token, the idle timeout's paused screen, and a session the server ended.
 */
import type { Locator, Page } from 'playwright-core';
import { collectPageErrors, isExpectedRefusal, lanternUrl, useFreshPagePerTest } from './support/browser';
import {
  demoSchoolName,
  demoStaff,
  isApiCall,
  signInAs,
  submitSignIn,
  type SignedInView,
} from './support/staff-sign-in';

jest.setTimeout(60_000);

const OAKFIELD = demoSchoolName('990001');
const RIVERSIDE = demoSchoolName('990002');
const DSL = demoStaff('dana.shah@oakfield.example.org');
const TRUST_LEAD = demoStaff('priya.nair@trust.example.org');
/** Signs out everywhere below, so no other test may use this account. */
const RIVERSIDE_TEACHER = demoStaff('ravi.cole@riverside.example.org');

/** The browser reaches the local Lantern over loopback, so that is the address the log records. */
const LOOPBACK = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;

const currentPage = useFreshPagePerTest();
let page: Page;

beforeEach(() => {
  page = currentPage();
});

function pathname(): string {
  return new URL(page.url()).pathname;
}

/** The rows of the table in a region (the home page's panels are labelled regions), without the header row. */
function bodyRows(container: Locator): Locator {
  return container.getByRole('row').filter({ has: page.getByRole('cell') });
}

describe('signing in', () => {
  it('takes the designated safeguarding lead to a home page with their school and recent activity', async () => {
    const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session'));

    await signInAs(page, DSL);

    expect(pathname()).toBe('/');
    await expect(page.title()).resolves.toBe('Home – Lantern');
    const banner = page.getByRole('banner');
    await expect(banner.innerText()).resolves.toContain(DSL.displayName);
    await expect(banner.innerText()).resolves.toContain(OAKFIELD);
    await expect(page.getByRole('main').innerText()).resolves.toContain(OAKFIELD);
    // One school only: nothing to switch to.
    await expect(page.getByRole('combobox', { name: 'School' }).count()).resolves.toBe(0);
    // Without a key a lead may still record a concern, but pupils and admin need a key.
    const mainNav = page.getByRole('navigation', { name: 'Main' });
    await mainNav.getByRole('link', { name: 'Add incident' }).waitFor();
    await expect(mainNav.getByRole('link').allInnerTexts()).resolves.toEqual([
      'Home',
      'My security log',
      'My keys',
      'Add incident',
    ]);

    const activity = page.getByRole('region', { name: 'Recent sign-in activity' });
    const rows = bodyRows(activity);
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBeLessThanOrEqual(5);
    await expect(rows.first().innerText()).resolves.toContain(`Signed in to ${OAKFIELD}`);
    expect(problems.errors).toEqual([]);
  });

  it('refuses a wrong password with an alert and stays on the sign-in page', async () => {
    await page.goto(lanternUrl('/'));

    // An unknown throwaway address: wrong passwords on a demo account would count towards its lockout.
    const response = await submitSignIn(page, 'nobody-staff-session@e2e.lantern.invalid', 'not-the-password');

    expect(response.status()).toBe(401);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/not recognised/);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).isVisible(),
    ).resolves.toBe(true);
    expect(pathname()).toBe('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
  });

  it('keeps the session cookie HttpOnly and the CSRF token out of storage', async () => {
    const view = await signInAs(page, DSL);

    const cookies = await page.context().cookies(lanternUrl('/api/auth/session'));
    const session = cookies.find((cookie) => cookie.name === 'lantern_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' });
    // The root tsconfig has no DOM types, so the page-side code is given as expressions.
    const seenByScript = {
      cookie: await page.evaluate<string>('document.cookie'),
      stored: await page.evaluate<string>(
        'JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })',
      ),
    };
    expect(seenByScript.cookie).not.toContain('lantern_session');
    expect(seenByScript.cookie).not.toContain(session!.value);
    expect(seenByScript.stored).not.toContain(view.csrfToken);
  });

  it('shows a signed-in page straight away after a reload, never the sign-in page first', async () => {
    await signInAs(page, DSL);
    // Record every level-one heading the app ever renders from the start of the next page load.
    await page.addInitScript(`
      const seen = [];
      globalThis.lanternHeadingsSeen = seen;
      new MutationObserver(() => {
        for (const heading of document.querySelectorAll('h1')) {
          if (!seen.includes(heading.textContent)) seen.push(heading.textContent);
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    `);

    await page.reload();

    await page.getByRole('heading', { level: 1, name: `Signed in as ${DSL.displayName}` }).waitFor();
    await expect(page.evaluate('globalThis.lanternHeadingsSeen')).resolves.toEqual([
      `Signed in as ${DSL.displayName}`,
    ]);
  });
});

describe('switching school', () => {
  it('moves the trust lead to Riverside Academy and the header follows', async () => {
    const view = await signInAs(page, TRUST_LEAD);
    const banner = page.getByRole('banner');
    await expect(banner.innerText()).resolves.toContain(view.school.name);
    const riverside = view.schools.find((school) => school.name === RIVERSIDE);
    expect(riverside).toBeDefined();

    await page.getByRole('combobox', { name: 'School' }).selectOption({ label: RIVERSIDE });
    const switched = page.waitForResponse((response) =>
      isApiCall(response, 'POST', '/api/auth/switch-school'),
    );
    await page.getByRole('button', { name: 'Switch school' }).click();
    const response = await switched;

    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toEqual({ schoolId: riverside!.schoolId });
    expect(response.request().headers()['x-csrf-token']).toBe(view.csrfToken);
    await page.getByRole('status').getByText(`You are now working in ${RIVERSIDE}.`).waitFor();
    await expect(page.getByRole('banner').locator('.account-summary__school').innerText()).resolves.toContain(
      RIVERSIDE,
    );
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
      `Signed in as ${TRUST_LEAD.displayName}`,
    );
    await expect(page.getByRole('main').getByText(`at ${RIVERSIDE}`).isVisible()).resolves.toBe(true);
    // The recent activity reloads with the switch at the top.
    const activity = page.getByRole('region', { name: 'Recent sign-in activity' });
    await activity
      .getByRole('cell', { name: `Switched to ${RIVERSIDE}` })
      .first()
      .waitFor();

    // Back to Oakfield, so a rerun starts from the same place.
    await page.getByRole('combobox', { name: 'School' }).selectOption({ label: OAKFIELD });
    await page.getByRole('button', { name: 'Switch school' }).click();
    await page.getByRole('status').getByText(`You are now working in ${OAKFIELD}.`).waitFor();
  });
});

describe('the security log page', () => {
  it('lists the sign-in with the address it came from', async () => {
    await signInAs(page, DSL);
    // The home page's own (shorter) request may still be on its way: wait for the log page's.
    const logAnswer = page.waitForResponse(
      (response) =>
        isApiCall(response, 'GET', '/api/auth/security-log') &&
        new URL(response.url()).searchParams.get('limit') === '50',
    );

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My security log' })
      .click();

    await page.getByRole('heading', { level: 1, name: 'My security log' }).waitFor();
    expect(pathname()).toBe('/security-log');
    await expect(page.title()).resolves.toBe('My security log – Lantern');
    const answer = await logAnswer;
    const { items } = (await answer.json()) as { items: { type: string; sourceIp: string }[] };
    const signIn = items.find((item) => item.type === 'sign-in');
    expect(signIn?.sourceIp).toMatch(LOOPBACK);

    const table = page.getByRole('table');
    await expect(table.getByRole('columnheader').allInnerTexts()).resolves.toEqual(['When', 'What', 'From']);
    const newest = bodyRows(table).first();
    await expect(newest.getByRole('cell').nth(1).innerText()).resolves.toBe(`Signed in to ${OAKFIELD}`);
    await expect(newest.getByRole('cell').nth(2).innerText()).resolves.toBe(signIn!.sourceIp);
    // UK date and 24-hour time, e.g. "14 May 2025, 09:31:07".
    await expect(newest.getByRole('cell').first().innerText()).resolves.toMatch(
      /^\d{1,2} [A-Z][a-z]{2,4} \d{4}, \d{2}:\d{2}:\d{2}$/,
    );
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'My security log' })
        .getAttribute('aria-current'),
    ).resolves.toBe('page');
  });

  it('sends someone signed out to the sign-in page', async () => {
    await page.goto(lanternUrl('/security-log'));

    await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
    await page.waitForFunction(`window.location.pathname === '/sign-in'`);
  });
});

describe('signing out', () => {
  it('returns to the sign-in page, and a reload stays signed out', async () => {
    const view = await signInAs(page, DSL);

    const signedOut = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/auth/sign-out'));
    await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
    const response = await signedOut;

    expect(response.status()).toBe(204);
    expect(response.request().headers()['x-csrf-token']).toBe(view.csrfToken);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
    expect(pathname()).toBe('/sign-in');
    await expect(page.getByRole('status').innerText()).resolves.toBe('You have signed out of Lantern.');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
    await expect(page.getByRole('banner').innerText()).resolves.not.toContain(DSL.displayName);
    const session = await page.context().request.get(lanternUrl('/api/auth/session'));
    expect(session.status()).toBe(401);
  });

  it('signs out of all devices, and the other device is sent to sign in again', async () => {
    const otherDevice = await page.context().browser()!.newContext({ locale: 'en-GB' });
    try {
      const otherPage = await otherDevice.newPage();
      otherPage.setDefaultTimeout(15_000);
      await signInAs(otherPage, RIVERSIDE_TEACHER);
      await signInAs(page, RIVERSIDE_TEACHER);

      const signedOut = page.waitForResponse((response) =>
        isApiCall(response, 'POST', '/api/auth/sign-out-everywhere'),
      );
      await page.getByRole('banner').getByRole('button', { name: 'Sign out of all devices' }).click();
      await expect(signedOut.then((response) => response.status())).resolves.toBe(204);
      await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
      await expect(page.getByRole('status').innerText()).resolves.toBe(
        'You have signed out of Lantern on all your devices.',
      );

      // The other device finds out at its next request.
      await otherPage.getByRole('link', { name: 'My security log' }).click();
      await otherPage.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
      await expect(otherPage.getByRole('status').innerText()).resolves.toBe(
        'Your session has ended. Please sign in again.',
      );
      expect(new URL(otherPage.url()).pathname).toBe('/sign-in');
    } finally {
      await otherDevice.close();
    }
  });
});

describe('a session that ends while the page is open', () => {
  it('returns to the sign-in page with a notice when the API answers 401', async () => {
    const view = await signInAs(page, DSL);
    // End the session behind the page's back, as the server's own idle expiry would.
    const ended = await page.context().request.post(lanternUrl('/api/auth/sign-out'), {
      headers: { 'X-CSRF-Token': view.csrfToken },
    });
    expect(ended.status()).toBe(204);

    await page.getByRole('link', { name: 'My security log' }).click();

    await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
    expect(pathname()).toBe('/sign-in');
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      'Your session has ended. Please sign in again.',
    );
    await expect(page.getByRole('main').innerText()).resolves.not.toContain(OAKFIELD);
  });

  it('pauses after the idle timeout, hiding everything, and then asks for a new sign-in', async () => {
    await page.clock.install();
    const view: SignedInView = await signInAs(page, DSL);
    const signedOut = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/auth/sign-out'));

    await page.clock.fastForward(view.idleTimeoutSeconds * 1000 + 1000);

    await page
      .getByRole('heading', { level: 1, name: 'Your session is paused — sign in again to continue' })
      .waitFor();
    // Nothing from the signed-in pages is left on screen or in the page.
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(DSL.displayName);
    expect(text).not.toContain(OAKFIELD);
    await expect(page.getByRole('banner').count()).resolves.toBe(0);
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    // The server session is ended too, so a reload cannot bring the pages back.
    await expect(signedOut.then((response) => response.status())).resolves.toBe(204);

    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
    expect(pathname()).toBe('/sign-in');
    await expect(page.getByRole('status').innerText()).resolves.toMatch(
      /^You were signed out after \d+ minutes? without activity\. Please sign in again\.$/,
    );
  });

  it('counts key presses as activity, so someone working is not paused', async () => {
    await page.clock.install();
    const view = await signInAs(page, DSL);
    const halfway = (view.idleTimeoutSeconds * 1000) / 2 + 1000;

    await page.clock.fastForward(halfway);
    await page.keyboard.press('Tab');
    await page.clock.fastForward(halfway);

    await expect(page.getByRole('heading', { level: 1, name: /paused/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
      `Signed in as ${DSL.displayName}`,
    );
  });
});
