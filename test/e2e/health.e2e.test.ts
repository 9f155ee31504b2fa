/**
 * The system status page in a real headless Chromium, against the local Lantern that global-setup.ts
 * started: every AWS stand-in reported ok, deep links, refresh, and client-side navigation.
 */
import type { Page } from 'playwright-core';
import { collectPageErrors, isExpectedRefusal, lanternUrl, useFreshPagePerTest } from './support/browser';

jest.setTimeout(60_000);

const DEPENDENCIES = ['dynamodb', 's3', 'kms', 'ses', 'stepfunctions', 'scheduler'];

const currentPage = useFreshPagePerTest();
let page: Page;

beforeEach(() => {
  page = currentPage();
});

async function dependencyStatus(name: string): Promise<string> {
  const row = page.getByTestId(`dependency-${name}`);
  await row.waitFor();
  // The row header names the service; the first cell is its status.
  return (await row.getByRole('cell').first().innerText()).trim();
}

/** The status shown for each expected dependency, e.g. { dynamodb: 'ok', … }. */
async function dependencyStatuses(): Promise<Record<string, string>> {
  const statuses: Record<string, string> = {};
  for (const name of DEPENDENCIES) statuses[name] = await dependencyStatus(name);
  return statuses;
}

const ALL_OK = Object.fromEntries(DEPENDENCIES.map((name) => [name, 'ok']));

describe('the system status page', () => {
  it('shows every dependency of the local Lantern as ok', async () => {
    // Signed out, the app's own session check on load is answered 401.
    const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session'));
    await page.goto(lanternUrl('/health'));

    await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor();
    const overall = page.getByTestId('overall-status');
    await overall.waitFor();
    await expect(dependencyStatuses()).resolves.toEqual(ALL_OK);
    await expect(overall.innerText()).resolves.toContain('All services are working');
    await expect(page.getByRole('row').count()).resolves.toBe(DEPENDENCIES.length + 1);
    expect(problems.errors).toEqual([]);
  });

  it('loads the app from a deep link, served with the same security headers', async () => {
    const response = await page.goto(lanternUrl('/health'));

    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    expect(headers['content-type']).toMatch(/^text\/html/);
    expect(headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor();
    await expect(page.title()).resolves.toBe('System status – Lantern');
    await expect(
      page.getByRole('contentinfo').getByRole('link', { name: 'System status' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
  });

  it('checks again when Refresh is pressed', async () => {
    await page.goto(lanternUrl('/health'));
    await page.getByTestId('dependency-dynamodb').waitFor();

    const recheck = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/health');
    await page.getByRole('button', { name: 'Refresh' }).click();
    const response = await recheck;

    await expect(response.json()).resolves.toMatchObject({ status: 'ok' });
    expect(response.status()).toBe(200);
    await page.getByRole('button', { name: 'Refresh' }).waitFor();
    await expect(dependencyStatuses()).resolves.toEqual(ALL_OK);
  });

  it('is reached from the sign-in page footer without reloading the app', async () => {
    await page.goto(lanternUrl('/'));
    await page.getByLabel('Email address').waitFor();
    await page.evaluate(() => {
      (globalThis as Record<string, unknown>).lanternE2eMarker = 'same document';
    });

    await page.getByRole('contentinfo').getByRole('link', { name: 'System status' }).click();

    await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/health');
    await expect(page.evaluate(() => (globalThis as Record<string, unknown>).lanternE2eMarker)).resolves.toBe(
      'same document',
    );
    await expect(dependencyStatus('dynamodb')).resolves.toBe('ok');

    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Lantern' }).waitFor();
  });
});
