/**
 * The pupil page's Attendance tab in a real headless Chromium, on a phone, against the demo's seeded
 * marks: a persistently absent demo pupil's figures are shown as the API counts them, with the badge,
 * a calendar of AM/PM marks (codes as text, not colour alone) and a legend; a pupil without the badge
 * shows none; a pupil added by hand has no attendance recorded.
 */
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from 'playwright-core';
import { AdminApi } from '../support/admin-api';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, lanternUrl } from '../support/browser';
import { demoStaff } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };

interface Figures {
  sessionsPossible: number;
  sessionsAttended: number;
  sessionsAuthorisedAbsence: number;
  sessionsUnauthorisedAbsence: number;
  attendancePercent: number;
  persistentAbsence: boolean;
}
interface Attendance {
  marked?: Figures;
  months: { month: string; days: Record<string, { am?: string; pm?: string }> }[];
}

const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(lanternUrl(path));
  if (!response.ok()) throw new Error(`GET ${path} was answered ${response.status()}`);
  return (await response.json()) as T;
}

/**
 * A demo pupil whose figures do (or do not) show persistent absence, with their attendance. The demo
 * picks about one pupil in seven by a hash of their id (which differs per run), so every class is tried.
 */
async function demoPupil(
  request: APIRequestContext,
  persistent: boolean,
): Promise<{ pupilId: string; attendance: Attendance }> {
  const filters = await apiGet<{ classes: { classId: string; name: string }[] }>(
    request,
    '/api/pupils/filters',
  );
  for (const { classId } of filters.classes) {
    const { items } = await apiGet<{ items: { pupilId: string }[] }>(
      request,
      `/api/pupils?classId=${classId}&limit=100`,
    );
    for (const { pupilId } of items) {
      const attendance = await apiGet<Attendance>(request, `/api/pupils/${pupilId}/attendance`);
      if (attendance.marked?.persistentAbsence === persistent) return { pupilId, attendance };
    }
  }
  throw new Error(`No demo pupil with persistentAbsence ${persistent}`);
}

async function openTab(page: Page, pupilId: string): Promise<void> {
  await page.goto(lanternUrl(`/pupils/${pupilId}`));
  await page
    .getByRole('navigation', { name: 'Pupil record' })
    .getByRole('link', { name: 'Attendance' })
    .click();
  await page.getByRole('heading', { name: 'Attendance', level: 2 }).waitFor();
}

it('shows a persistently absent demo pupil’s figures, badge, marks and legend', async () => {
  const { page, context } = dana();
  const problems = collectPageErrors(page);
  const { pupilId, attendance } = await demoPupil(context.request, true);
  const figures = attendance.marked!;

  await page.setViewportSize(PHONE);
  await openTab(page, pupilId);
  const table = page.getByRole('table', { name: 'Attendance from the daily marks' });
  await table.waitFor();
  const row = (name: string) =>
    table
      .getByRole('row', { name: new RegExp(`^${name}`) })
      .first()
      .innerText();
  await expect(row('Attendance')).resolves.toMatch(
    new RegExp(`^Attendance\\s+${figures.attendancePercent.toFixed(1)}%$`),
  );
  await expect(row('Sessions possible')).resolves.toMatch(new RegExp(`\\s${figures.sessionsPossible}$`));
  await expect(row('Attended')).resolves.toMatch(new RegExp(`\\s${figures.sessionsAttended}$`));
  await expect(row('Authorised absence')).resolves.toMatch(
    new RegExp(`\\s${figures.sessionsAuthorisedAbsence}$`),
  );
  await expect(row('Unauthorised absence')).resolves.toMatch(
    new RegExp(`\\s${figures.sessionsUnauthorisedAbsence}$`),
  );
  await expect(page.getByText('Persistent absence', { exact: true }).isVisible()).resolves.toBe(true);

  // The newest month's calendar: its first marked day shows both sessions' codes as text.
  const newest = attendance.months[0]!;
  const [date, marks] = Object.entries(newest.days).sort(([a], [b]) => a.localeCompare(b))[0]!;
  const monthName = new Date(`${newest.month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const calendar = page.getByRole('table', { name: monthName });
  const day = calendar.getByRole('cell', { name: new RegExp(`^${Number(date.slice(8))}\\s*AM`) }).first();
  // Each code as text, with the session named for screen readers (visually hidden, still in the text).
  const escape = (code: string | undefined) => (code ?? '–').replace(/[\\/^$.*+?()[\]{}|]/g, '\\$&');
  await expect(day.innerText()).resolves.toMatch(
    new RegExp(`^${Number(date.slice(8))}\\s+AM\\s+${escape(marks.am)}\\s+PM\\s+${escape(marks.pm)}$`),
  );
  await expect(calendar.getByRole('columnheader').allInnerTexts()).resolves.toEqual(
    expect.arrayContaining(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']),
  );
  // The legend explains the present marks at least.
  const legend = page.getByRole('definition').filter({ hasText: 'Present (morning)' });
  await expect(legend.count()).resolves.toBe(1);
  await expect(
    page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
  ).resolves.toBe(true);
  expect(problems.errors).toEqual([]);
});

it('shows no badge for a pupil who attends, and says when no attendance is recorded', async () => {
  const { page, context, view } = dana();
  const problems = collectPageErrors(page);
  const { pupilId, attendance } = await demoPupil(context.request, false);
  await openTab(page, pupilId);
  await page
    .getByRole('table', { name: 'Attendance from the daily marks' })
    .getByText(`${attendance.marked!.attendancePercent.toFixed(1)}%`)
    .waitFor();
  await expect(page.getByText('Persistent absence', { exact: true }).count()).resolves.toBe(0);

  const api = new AdminApi(context.request, view.csrfToken);
  const added = randomUUID();
  const response = await api.send('POST', '/api/pupils', {
    pupilId: added,
    legalForename: 'Nomarks',
    legalSurname: 'Pupil',
    dateOfBirth: '2016-05-01',
    gender: 'U',
  });
  expect(response.status()).toBe(201);
  await openTab(page, added);
  await page.getByText('No attendance recorded.').waitFor();
  expect(problems.errors).toEqual([]);
});
