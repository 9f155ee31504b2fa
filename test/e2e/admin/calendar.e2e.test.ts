/**
 * Admin > Calendar (BYD-1) in a real headless Chromium against the local Lantern: Oakfield's lead
 * enters a term and a half-term closure, sees a backwards date range refused in the browser and
 * overlapping terms refused by the API (each beside the field it names), saves, reloads and finds them,
 * and sees the coming bank holidays of the nation chosen. The calendar is emptied again afterwards, so
 * other suites' transfer clocks count from the default calendar.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, isExpectedRefusal, lanternUrl } from '../support/browser';
import { demoStaff } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const admin = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

interface CalendarView {
  calendar: { version: number };
}

/** Empties the school's calendar through the API (whatever version it is at). */
async function emptyCalendar(request: APIRequestContext, csrfToken: string): Promise<void> {
  const current = (await (await request.get(lanternUrl('/api/admin/calendar'))).json()) as CalendarView;
  const saved = await request.put(lanternUrl('/api/admin/calendar'), {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { bankHolidays: 'england-and-wales', terms: [], closures: [], version: current.calendar.version },
  });
  expect(saved.status()).toBe(200);
}

function row(page: Page, legend: string) {
  return page.getByRole('group', { name: legend, exact: true });
}

async function fillRange(page: Page, legend: string, first: string, last: string) {
  await row(page, legend).getByLabel('First day').fill(first);
  await row(page, legend).getByLabel('Last day').fill(last);
}

it('adds a term and a half-term closure, refuses bad ranges beside their fields, and keeps what was saved', async () => {
  const { page, context, view } = admin();
  const problems = collectPageErrors(page, isExpectedRefusal('/api/admin/calendar'));
  await emptyCalendar(context.request, view.csrfToken);
  try {
    await page.goto(lanternUrl('/admin'));
    const tabs = page.getByRole('navigation', { name: 'Admin' });
    await tabs.getByRole('link', { name: 'Calendar', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page
      .getByText('No terms entered: every weekday except bank holidays counts as a school day.')
      .waitFor();

    // The coming bank holidays follow the nation chosen, before saving.
    await page.getByRole('heading', { name: 'Next bank holidays in England and Wales' }).waitFor();
    await page.getByLabel('Bank holidays', { exact: true }).selectOption('scotland');
    const holidays = page.getByRole('region', { name: 'Next bank holidays in Scotland' });
    await holidays.getByRole('cell', { name: "St Andrew's Day", exact: false }).first().waitFor();
    expect(await holidays.getByRole('row').count()).toBe(11);

    await page.getByRole('button', { name: 'Add a term' }).click();
    await row(page, 'Term 1').getByLabel('Name').fill('Autumn 2');
    await fillRange(page, 'Term 1', '2026-11-02', '2026-12-18');
    await expect(
      page.getByText('No terms entered: every weekday except bank holidays counts as a school day.').count(),
    ).resolves.toBe(0);
    await page.getByRole('button', { name: 'Add a closure' }).click();
    await row(page, 'Closure 1').getByLabel('Reason').fill('Half term');
    // Backwards: the browser refuses it without asking the API.
    await fillRange(page, 'Closure 1', '2026-10-30', '2026-10-26');
    await page.getByRole('button', { name: 'Save calendar' }).click();
    const summary = page.getByRole('alert');
    await summary
      .getByRole('link', { name: 'Closure 1 end date must be on or after the start date' })
      .waitFor();
    await row(page, 'Closure 1').getByText('Closure 1 end date must be on or after the start date').waitFor();
    await fillRange(page, 'Closure 1', '2026-10-26', '2026-10-30');

    // Terms that share a day: the API names the second term's start date, shown beside it.
    await page.getByRole('button', { name: 'Add a term' }).click();
    await row(page, 'Term 2').getByLabel('Name').fill('Extra');
    await fillRange(page, 'Term 2', '2026-12-14', '2026-12-22');
    const refused = page.waitForResponse(
      (response) => response.url().endsWith('/api/admin/calendar') && response.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'Save calendar' }).click();
    expect((await refused).status()).toBe(400);
    const overlap = /Term 2 start date overlaps the term "Autumn 2" \(2026-11-02 to 2026-12-18\)/;
    await page.getByRole('alert').getByRole('link', { name: overlap }).waitFor();
    await row(page, 'Term 2').getByText(overlap).waitFor();
    await row(page, 'Term 2').getByRole('button', { name: 'Remove term 2' }).click();

    await page.getByRole('button', { name: 'Save calendar' }).click();
    await page.getByRole('status').getByText('Calendar saved: 1 term and 1 closure.').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await expect(page.getByLabel('Bank holidays', { exact: true }).inputValue()).resolves.toBe('scotland');
    await expect(row(page, 'Term 1').getByLabel('Name').inputValue()).resolves.toBe('Autumn 2');
    await expect(row(page, 'Term 1').getByLabel('First day').inputValue()).resolves.toBe('2026-11-02');
    await expect(row(page, 'Term 1').getByLabel('Last day').inputValue()).resolves.toBe('2026-12-18');
    await expect(row(page, 'Closure 1').getByLabel('Reason').inputValue()).resolves.toBe('Half term');
    await expect(row(page, 'Closure 1').getByLabel('First day').inputValue()).resolves.toBe('2026-10-26');
    await expect(row(page, 'Closure 1').getByLabel('Last day').inputValue()).resolves.toBe('2026-10-30');
    await expect(page.getByRole('group', { name: 'Term 2' }).count()).resolves.toBe(0);
    expect(problems.errors).toEqual([]);
  } finally {
    await emptyCalendar(context.request, view.csrfToken);
  }
});
