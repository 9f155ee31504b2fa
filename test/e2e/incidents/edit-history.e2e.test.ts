/**
 * Editing an incident end to end, in headless Chromium (REC-6): Dana, a key holder who may edit
 * incidents, edits one with a reason, reads its history (both versions, who, when and why), deletes it
 * with a reason and sees the deleted marker with that reason, then restores it.
 */
import { randomUUID } from 'node:crypto';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, lanternUrl } from '../support/browser';
import { demoStaff } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const ORIGINAL = `Seen upset at the gate after lunch (${Date.now()}).`;
const EDITED = `Seen upset at the gate after lunch; said a phone was taken (${Date.now()}).`;

describe('an incident editor', () => {
  const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

  it('edits an incident with a reason, reads its history, deletes it and restores it', async () => {
    const { page, context, view } = dana();
    const problems = collectPageErrors(page);
    const headers = { 'X-CSRF-Token': view.csrfToken };
    const lookup = await context.request.get(lanternUrl('/api/pupils/lookup?q=a'));
    const pupil = ((await lookup.json()) as { items: { pupilId: string }[] }).items[0]!;
    const categories = await context.request.get(lanternUrl('/api/categories'));
    const bullying = (
      (await categories.json()) as { items: { categoryId: string; name: string }[] }
    ).items.find((category) => category.name === 'Bullying')!;
    const incidentId = randomUUID();
    const added = await context.request.post(lanternUrl('/api/incidents'), {
      headers,
      data: {
        incidentId,
        pupilId: pupil.pupilId,
        text: ORIGINAL,
        categoryIds: [bullying.categoryId],
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(added.status()).toBe(201);

    await page.goto(lanternUrl(`/incidents/${incidentId}?pupilId=${pupil.pupilId}`));
    const card = page.getByRole('article');
    await card.getByText(ORIGINAL).waitFor();

    // Edit: the reason is required.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('What happened').fill(EDITED);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').getByText('Give a reason').first().waitFor();
    await page.getByLabel('Why are you changing it?').fill('Added what she told me afterwards');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await card.getByText(EDITED).waitFor();

    await page.getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('Reason: Added what she told me afterwards').waitFor();
    await expect(history.getByText(ORIGINAL).isVisible()).resolves.toBe(true);
    await expect(history.getByText(EDITED).isVisible()).resolves.toBe(true);
    await expect(history.getByText(/Version 2 · Dana Shah/).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Close history' }).click();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByLabel('Why are you deleting it?').fill('Recorded against the wrong pupil');
    await page.getByRole('button', { name: 'Delete incident' }).click();
    const marker = card.getByRole('note').filter({ hasText: 'Deleted incident' });
    await marker.getByText(/Reason: Recorded against the wrong pupil/).waitFor();

    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByLabel('Why are you restoring it?').fill('It was the right pupil');
    await page.getByRole('button', { name: 'Restore incident' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).waitFor();
    await expect(card.getByText('Deleted incident').count()).resolves.toBe(0);
    expect(problems.errors).toEqual([]);
  });
});
