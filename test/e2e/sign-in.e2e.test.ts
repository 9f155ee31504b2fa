/**
 * The sign-in page in a real headless Chromium, against the local Lantern that global-setup.ts started:
 * what the document at / is served with, the form, and what a refused sign-in shows.
 */
import type { Page } from 'playwright-core';
import { collectPageErrors, isExpectedRefusal, lanternUrl, useFreshPagePerTest } from './support/browser';

jest.setTimeout(60_000);

const currentPage = useFreshPagePerTest();
let page: Page;

beforeEach(() => {
  page = currentPage();
});

async function fillAndSubmit(email: string, password: string) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  const answer = page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === '/api/auth/sign-in' && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  return answer;
}

describe('the document served at /', () => {
  it('carries the security headers that CloudFront sets', async () => {
    const response = await page.goto(lanternUrl('/'));
    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    expect(headers['content-type']).toMatch(/^text\/html/);

    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    const framingDenied =
      headers['x-frame-options']?.toUpperCase() === 'DENY' || /frame-ancestors 'none'/.test(csp);
    expect(framingDenied).toBe(true);
    expect(headers['referrer-policy']).toBeTruthy();
  });
});

describe('the sign-in page', () => {
  it('renders the product name and a labelled form', async () => {
    await page.goto(lanternUrl('/'));

    // The page appears once the app has checked there is no session already.
    await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
    await expect(page.title()).resolves.toBe('Sign in – Lantern');
    await page.getByRole('banner').getByRole('link', { name: 'Lantern' }).waitFor();

    const email = page.getByLabel('Email address');
    await expect(email.getAttribute('type')).resolves.toBe('email');
    await expect(email.getAttribute('autocomplete')).resolves.toBe('username');
    const password = page.getByLabel('Password');
    await expect(password.getAttribute('type')).resolves.toBe('password');
    await expect(password.getAttribute('autocomplete')).resolves.toBe('current-password');
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await expect(
      page.getByRole('contentinfo').getByRole('link', { name: 'System status' }).getAttribute('href'),
    ).resolves.toBe('/health');
  });

  it('is also served at /sign-in', async () => {
    await page.goto(lanternUrl('/sign-in'));
    await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
  });

  it('asks for the missing fields without calling the API', async () => {
    await page.goto(lanternUrl('/'));
    // The form shows only after the app's own session check on load, which is not the form's call.
    await page.getByLabel('Email address').waitFor();
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
    });

    await page.getByRole('button', { name: 'Sign in' }).click();

    const alert = page.getByRole('alert');
    await alert.getByText('There is a problem').waitFor();
    await expect(alert.innerText()).resolves.toContain('Enter your email address');
    await expect(alert.innerText()).resolves.toContain('Enter your password');
    await expect(page.getByLabel('Email address').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(apiCalls).toEqual([]);
  });

  it('posts the credentials as JSON and shows the problem the API answers with', async () => {
    await page.goto(lanternUrl('/'));

    const response = await fillAndSubmit('nobody@e2e.lantern.invalid', 'not-the-password');

    expect(response.request().headers()['content-type']).toMatch(/^application\/json/);
    expect(response.request().postDataJSON()).toEqual({
      email: 'nobody@e2e.lantern.invalid',
      password: 'not-the-password',
    });
    expect(response.ok()).toBe(false);

    const alert = page.getByRole('alert');
    await alert.waitFor();
    const alertText = (await alert.innerText()).trim();
    expect(alertText).not.toBe('');

    // The alert shows the problem's own title when the API sent problem+json.
    const body: unknown = await response.json().catch(() => undefined);
    const title = typeof body === 'object' && body !== null ? (body as { title?: unknown }).title : undefined;
    if (typeof title === 'string' && title.trim() !== '') expect(alertText).toContain(title.trim());

    // The email address stays; the password is cleared.
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('nobody@e2e.lantern.invalid');
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
  });

  it('logs no console errors and throws no exceptions, before or after a refused sign-in', async () => {
    // The browser itself logs a failed resource for the signed-out session check and the refused
    // sign-in's non-2xx answers: those are expected.
    const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session', '/api/auth/sign-in'));

    await page.goto(lanternUrl('/'));
    await page.getByLabel('Email address').waitFor();
    await fillAndSubmit('nobody@e2e.lantern.invalid', 'not-the-password');
    await page.getByRole('alert').waitFor();

    expect(problems.errors).toEqual([]);
  });
});
