/**
 * Asking for a link to set a password, and using one, in a real headless Chromium against the local
 * Lantern that global-setup.ts started. The emailed link itself is out of the workers' reach (the mail
 * stand-in is not exposed to them), so setting a password is tested with links that do not work and
 * with the browser's own checks.
 */
import type { Page, Request } from 'playwright-core';
import { collectPageErrors, isExpectedRefusal, lanternUrl, useFreshPagePerTest } from './support/browser';
import { isApiCall } from './support/staff-sign-in';

jest.setTimeout(60_000);

const currentPage = useFreshPagePerTest();
let page: Page;

beforeEach(() => {
  page = currentPage();
});

const BOGUS_TOKEN = `pw_${'A'.repeat(43)}`;
const STRONG_PASSWORD = 'copper kettle lighthouse marmalade';

/** Every API request the page makes from now on, by path. */
function recordApiCalls(): string[] {
  const calls: string[] = [];
  page.on('request', (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) calls.push(`${request.method()} ${path}`);
  });
  return calls;
}

describe('asking for a link to set a password', () => {
  it('is reached from the sign-in page and shows the answer without saying whether the email is known', async () => {
    const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session'));
    await page.goto(lanternUrl('/sign-in'));
    await page
      .getByRole('link', { name: 'Forgotten your password, or using Lantern for the first time?' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Set or reset your password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/forgotten-password');

    await page.getByLabel('Email address').fill('tom.reed@oakfield.example.org');
    const answer = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/auth/password-link'));
    await page.getByRole('button', { name: 'Send me a link' }).click();
    const response = await answer;
    expect(response.status()).toBe(202);
    const { message } = (await response.json()) as { message: string };

    const status = page.getByRole('status');
    await status.getByText(message).waitFor();
    await expect(status.innerText()).resolves.toBe(message);
    expect(message).toMatch(/If that email belongs to a Lantern account/);

    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('checks the email address in the browser first', async () => {
    await page.goto(lanternUrl('/forgotten-password'));
    await page.getByLabel('Email address').waitFor();
    const calls = recordApiCalls();

    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Send me a link' }).click();

    await page.getByRole('alert').getByText('There is a problem').waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.toContain(
      'Enter an email address in the correct format',
    );
    await expect(page.getByLabel('Email address').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(calls).toEqual([]);
  });
});

describe('choosing a password from a link', () => {
  it('says a link that does not work no longer works, and takes the token out of the address bar', async () => {
    const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session', '/api/auth/password'));
    await page.goto(lanternUrl(`/set-password?token=${BOGUS_TOKEN}`));
    await page.getByRole('heading', { level: 1, name: 'Choose a password' }).waitFor();
    expect(page.url()).toBe(lanternUrl('/set-password'));
    expect(new URL(page.url()).pathname).toBe('/set-password');

    const newPassword = page.getByLabel('New password', { exact: true });
    await expect(newPassword.getAttribute('autocomplete')).resolves.toBe('new-password');
    await newPassword.fill(STRONG_PASSWORD);
    await page.getByLabel('Confirm new password').fill(STRONG_PASSWORD);
    const answer = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/auth/password'));
    await page.getByRole('button', { name: 'Set my password' }).click();
    const response = await answer;
    expect(response.status()).toBe(400);
    expect(JSON.parse(response.request().postData() ?? '{}')).toEqual({
      token: BOGUS_TOKEN,
      password: STRONG_PASSWORD,
    });

    const alert = page.getByRole('alert');
    await alert.getByText('This link no longer works', { exact: true }).waitFor();
    await expect(alert.innerText()).resolves.toContain('Ask for a new one from the sign-in page.');
    await alert.getByRole('link', { name: 'Ask for a new link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Set or reset your password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/forgotten-password');

    // Back returns to the page without the token: it was never left in history.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Choose a password' }).waitFor();
    expect(page.url()).toBe(lanternUrl('/set-password'));
    expect(problems.errors).toEqual([]);
  });

  it('says the link no longer works when it has no token at all', async () => {
    await page.goto(lanternUrl('/set-password'));
    const alert = page.getByRole('alert');
    await alert.getByText('This link no longer works', { exact: true }).waitFor();
    await expect(alert.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).resolves.toBe(
      '/forgotten-password',
    );
    await expect(page.getByLabel('New password', { exact: true }).count()).resolves.toBe(0);
  });

  it('refuses passwords that do not match, or are too short, without calling the API', async () => {
    await page.goto(lanternUrl(`/set-password?token=${BOGUS_TOKEN}`));
    const newPassword = page.getByLabel('New password', { exact: true });
    await newPassword.waitFor();
    const calls = recordApiCalls();

    await newPassword.fill(STRONG_PASSWORD);
    await page.getByLabel('Confirm new password').fill(`${STRONG_PASSWORD}!`);
    await page.getByRole('button', { name: 'Set my password' }).click();

    const alert = page.getByRole('alert');
    await alert.getByText('There is a problem').waitFor();
    await expect(alert.innerText()).resolves.toContain('The passwords do not match');
    await expect(page.getByLabel('Confirm new password').getAttribute('aria-invalid')).resolves.toBe('true');

    await newPassword.fill('short one');
    await page.getByLabel('Confirm new password').fill('short one');
    await page.getByRole('button', { name: 'Set my password' }).click();
    await alert.getByText('Your password must be at least 12 characters').waitFor();
    await expect(newPassword.getAttribute('aria-invalid')).resolves.toBe('true');

    expect(calls).toEqual([]);
  });
});
