/**
 * The home page is the dashboard (REC-10), in a real headless Chromium at a phone's width: a key holder
 * sees Alerts, My assigned, My history and Recently viewed; a teacher without a key sees the restricted
 * dashboard (Alerts and My history only); quick search goes to the pupil list and Add incident to the
 * new-incident form. Sign-in activity is still on the page, below.
 */
import type { Page } from 'playwright-core';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, lanternUrl, useFreshPagePerTest } from '../support/browser';
import { demoStaff, signInAs } from '../support/staff-sign-in';

jest.setTimeout(90_000);

const PHONE = { width: 390, height: 844 };
const ALL_SECTIONS = ['Alerts', 'My assigned', 'My history', 'Recently viewed'];

function sectionHeadings(page: Page): Promise<string[]> {
  return page.getByRole('heading', { level: 2 }).allInnerTexts();
}

async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

describe('a key holder (elevated)', () => {
  const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

  it('sees every dashboard section, with sign-in activity still below, on a phone', async () => {
    const { page } = dana();
    const problems = collectPageErrors(page);
    await page.setViewportSize(PHONE);
    await page.goto(lanternUrl('/'));
    await page.getByRole('heading', { level: 2, name: 'Recently viewed' }).waitFor();
    const headings = await sectionHeadings(page);
    expect(headings.filter((heading) => ALL_SECTIONS.includes(heading))).toEqual(ALL_SECTIONS);
    expect(headings.indexOf('Recent sign-in activity')).toBeGreaterThan(headings.indexOf('Recently viewed'));
    await expect(fitsTheScreen(page)).resolves.toBe(true);
    expect(problems.errors).toEqual([]);
  });

  it('searches pupils by any part of a name from the quick search box', async () => {
    const { page } = dana();
    await page.goto(lanternUrl('/'));
    await page.getByRole('searchbox', { name: 'Quick pupil search' }).fill('Khan');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.pathname === '/pupils');
    expect(new URL(page.url()).searchParams.get('q')).toBe('Khan');
  });

  it('offers Add incident', async () => {
    const { page } = dana();
    await page.goto(lanternUrl('/'));
    // The main navigation offers it too; this is the dashboard's own button.
    const onTheDashboard = page.getByRole('main').getByRole('link', { name: 'Add incident' });
    await expect(onTheDashboard.getAttribute('href')).resolves.toBe('/incidents/new');
  });
});

describe('a teacher without a key', () => {
  const currentPage = useFreshPagePerTest();

  it('sees the restricted dashboard: Alerts and My history only', async () => {
    const page = currentPage();
    await page.setViewportSize(PHONE);
    await signInAs(page, demoStaff('tom.reed@oakfield.example.org'));
    await page.getByRole('heading', { level: 2, name: 'My history' }).waitFor();
    await expect(page.getByText('You have no unread alerts.').isVisible()).resolves.toBe(true);
    const headings = await sectionHeadings(page);
    expect(headings.filter((heading) => ALL_SECTIONS.includes(heading))).toEqual(['Alerts', 'My history']);
    await expect(fitsTheScreen(page)).resolves.toBe(true);
  });
});
