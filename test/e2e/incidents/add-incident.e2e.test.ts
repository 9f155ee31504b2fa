/**
 * Recording a concern end to end, in headless Chromium: Tom, a teacher without a key, adds an incident
 * on a phone-sized screen (pupil picker, text, a category and its sub-category, a body-map marker, an
 * alert to Dana) and sees a confirmation; Dana, a key holder, then finds it highlighted in the pupil's
 * chronology and marks it read; her alert email names Tom and the categories and nothing of the text.
 */
import type { Page } from 'playwright-core';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, isExpectedRefusal, lanternUrl, useFreshPagePerTest } from '../support/browser';
import { mailTo } from '../support/mailbox';
import { demoStaff, signInAs } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };
const TEXT = `Saw an older pupil take a phone from a younger one behind the hall at ${Date.now()}.`;

/** Set by Tom's test for Dana's: the pupil the incident was about. */
let recorded: { pupilId: string; displayName: string } | undefined;

async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

describe('a teacher without a key', () => {
  const currentPage = useFreshPagePerTest();

  it('adds an incident on a phone, alerting the safeguarding lead', async () => {
    const page = currentPage();
    // Opening Lantern signed out asks for the session and is told 401, by design.
    const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session'));
    await page.setViewportSize(PHONE);
    await signInAs(page, demoStaff('tom.reed@oakfield.example.org'));
    const lookup = await page.context().request.get(lanternUrl('/api/pupils/lookup?q=a'));
    const { items } = (await lookup.json()) as { items: { pupilId: string; displayName: string }[] };
    const pupil = items[0]!;
    recorded = pupil;

    await page.getByRole('link', { name: 'Add incident' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Add incident' }).waitFor();
    await page
      .getByRole('searchbox', { name: 'Pupil', exact: true })
      .fill(pupil.displayName.split(' ').at(-1)!.slice(0, 4));
    await page
      .getByRole('button', { name: new RegExp(pupil.displayName) })
      .first()
      .click();
    await page.getByLabel('What happened').fill(TEXT);
    await page.getByRole('checkbox', { name: 'Bullying', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Cyber', exact: true }).check();
    await page.getByRole('img', { name: /Body map, front/ }).click({ position: { x: 40, y: 60 } });
    await expect(page.getByText(/^1\. Front,/).isVisible()).resolves.toBe(true);
    await page.getByLabel('Filter staff by name').fill('Dana');
    await page.getByRole('checkbox', { name: 'Dana Shah' }).check();
    await expect(fitsTheScreen(page)).resolves.toBe(true);

    await page.getByRole('button', { name: 'Add incident' }).click();
    await page.getByRole('heading', { level: 1, name: /^Incident \d+ recorded$/ }).waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('is told what is wrong, field by field, before anything is sent', async () => {
    const page = currentPage();
    await page.setViewportSize(PHONE);
    await signInAs(page, demoStaff('tom.reed@oakfield.example.org'));
    await page.goto(lanternUrl('/incidents/new'));
    await page.getByRole('button', { name: 'Add incident' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    await expect(summary.getByRole('link').allInnerTexts()).resolves.toEqual([
      'Choose the pupil the incident is about',
      'Say what happened',
      'Choose at least one category',
    ]);
  });
});

describe('the safeguarding lead (a key holder)', () => {
  const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

  it('sees the incident in the pupil’s chronology and reads her alert, whose email has no content', async () => {
    if (!recorded) throw new Error('Tom’s incident was not recorded');
    const { page } = dana();
    const problems = collectPageErrors(page);
    await page.goto(lanternUrl(`/pupils/${recorded.pupilId}/chronology`));
    const card = page.getByRole('article').filter({ hasText: TEXT });
    await card.waitFor();
    await expect(card.getByText('Recorded by Tom Reed').isVisible()).resolves.toBe(true);
    await expect(card.getByText('Cyber').isVisible()).resolves.toBe(true);

    const mails = await mailTo(demoStaff('dana.shah@oakfield.example.org').email);
    const alert = mails
      .filter((mail) => mail.subject === 'Tom Reed alerted you to an incident (Bullying, Cyber)')
      .at(-1);
    expect(alert).toBeDefined();
    expect(alert!.body.text).not.toContain('phone');
    expect(alert!.body.text).not.toContain(recorded.displayName);
    const link = /https?:\/\/[^\s]+\/incidents\/[0-9a-f-]{36}\?pupilId=[0-9a-f-]{36}/.exec(
      alert!.body.text,
    )?.[0];
    expect(link).toBeDefined();

    await page.goto(lanternUrl(new URL(link!).pathname + new URL(link!).search));
    await page.getByText('Tom Reed alerted you to this incident', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByText('Marked as read.').waitFor();
    expect(problems.errors).toEqual([]);
  });
});
