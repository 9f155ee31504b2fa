/**
 * From a teacher's phone to the safeguarding lead's chronology, in headless Chromium against the local
 * Lantern with its living demo school: Tom (a teacher, no key) adds an incident at 390×844 about a pupil,
 * with a unique marker in the text, alerting Dana; Dana, elevated with her key, opens that pupil's
 * chronology among its seeded history and sees Tom's text; and the SES stand-in holds Dana's alert
 * email, which says who and which category and links to the incident, but carries neither the text
 * (the marker) nor the pupil's name.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, isExpectedRefusal, lanternUrl, useFreshPagePerTest } from '../support/browser';
import { mailTo, type StoredMail } from '../support/mailbox';
import { demoStaff, isApiCall, signInAs } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };
const TOM = demoStaff('tom.reed@oakfield.example.org');
const DANA = demoStaff('dana.shah@oakfield.example.org');
const MARKER = `marker-${randomUUID()}`;
const TEXT = `Said they had not eaten breakfast for several days and seemed tired in form time (${MARKER}).`;
const CATEGORY = 'Home issues';

/** Set by Tom's test for Dana's: what was recorded, about whom. */
let recorded: { incidentId: string; pupilId: string; displayName: string } | undefined;

async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

/** Dana's alert mail for this incident, waiting a little in case delivery was left to the sweeper. */
async function alertMailFor(incidentId: string, timeoutMs = 15_000): Promise<StoredMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = (await mailTo(DANA.email)).find((candidate) =>
      candidate.body.text.includes(`/incidents/${incidentId}`),
    );
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`No alert mail for incident ${incidentId} reached Dana`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Tom, a teacher without a key, on his phone', () => {
  const currentPage = useFreshPagePerTest();

  it('adds an incident about a pupil and alerts Dana', async () => {
    const page = currentPage();
    const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session'));
    await page.setViewportSize(PHONE);
    await signInAs(page, TOM);
    const lookup = await page.context().request.get(lanternUrl('/api/pupils/lookup?q=e'));
    const { items } = (await lookup.json()) as { items: { pupilId: string; displayName: string }[] };
    const pupil = items[2] ?? items[0]!;

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
    await page.getByRole('checkbox', { name: CATEGORY, exact: true }).check();
    await page.getByLabel('Filter staff by name').fill('Dana');
    await page.getByRole('checkbox', { name: DANA.displayName }).check();
    await expect(fitsTheScreen(page)).resolves.toBe(true);

    const answer = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/incidents'));
    await page.getByRole('button', { name: 'Add incident' }).click();
    const response = await answer;
    expect(response.status()).toBe(201);
    const receipt = (await response.json()) as { incidentId: string; pupilId: string; number: number };
    expect(receipt.pupilId).toBe(pupil.pupilId);
    await page.getByRole('heading', { level: 1, name: `Incident ${receipt.number} recorded` }).waitFor();
    recorded = { incidentId: receipt.incidentId, pupilId: pupil.pupilId, displayName: pupil.displayName };
    expect(problems.errors).toEqual([]);
  });
});

describe('Dana, the safeguarding lead, elevated with her key', () => {
  const dana = useElevatedAdmin(DANA);

  it('sees Tom’s incident, with his text, in the pupil’s chronology', async () => {
    if (!recorded) throw new Error('Tom’s incident was not recorded');
    const { page } = dana();
    const problems = collectPageErrors(page);
    await page.goto(lanternUrl(`/pupils/${recorded.pupilId}/chronology`));
    await page.getByRole('heading', { level: 1, name: recorded.displayName }).waitFor();
    const card = page.getByRole('article').filter({ hasText: MARKER });
    await card.waitFor();
    await expect(card.getByText(TEXT, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(card.getByText('Recorded by Tom Reed').isVisible()).resolves.toBe(true);
    await expect(card.getByText(CATEGORY, { exact: true }).isVisible()).resolves.toBe(true);
    expect(problems.errors).toEqual([]);
  });

  it('has an alert email that names Tom and the category and links to it, without the text or the pupil', async () => {
    if (!recorded) throw new Error('Tom’s incident was not recorded');
    const mail = await alertMailFor(recorded.incidentId);
    expect(mail.destination.to).toEqual([DANA.email]);
    expect(mail.subject).toBe(`Tom Reed alerted you to an incident (${CATEGORY})`);
    const link = new RegExp(`https?://\\S+/incidents/${recorded.incidentId}\\?pupilId=${recorded.pupilId}`);
    expect(mail.body.text).toMatch(link);
    for (const part of [mail.subject, mail.body.text]) {
      expect(part).not.toContain(MARKER);
      expect(part).not.toContain('breakfast');
      expect(part).not.toContain(recorded.displayName);
    }
  });
});
