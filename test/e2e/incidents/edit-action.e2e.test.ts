/**
 * Editing an action end to end, in headless Chromium on a phone (REC-6): Dana, who may edit incidents,
 * opens an incident's actions, edits one with a reason (the reason is required), and after a reload
 * the action reads as edited and the API holds the new text at the next version.
 */
import { randomUUID } from 'node:crypto';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, lanternUrl } from '../support/browser';
import { demoStaff } from '../support/staff-sign-in';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };
const ORIGINAL = `Phoned home; no answer (${Date.now()}).`;
const EDITED = `Phoned home; spoke to her aunt, who will call back (${Date.now()}).`;

interface IncidentView {
  incident: { actions: { actionId: string; text: string; version: number }[] };
}

describe('an incident editor', () => {
  const dana = useElevatedAdmin(demoStaff('dana.shah@oakfield.example.org'));

  it('edits an action with a reason; a reload shows the change', async () => {
    const { page, context, view } = dana();
    const problems = collectPageErrors(page);
    const headers = { 'X-CSRF-Token': view.csrfToken };
    const lookup = await context.request.get(lanternUrl('/api/pupils/lookup?q=e'));
    const pupil = ((await lookup.json()) as { items: { pupilId: string }[] }).items[0]!;
    const categories = await context.request.get(lanternUrl('/api/categories'));
    const category = ((await categories.json()) as { items: { categoryId: string; name: string }[] })
      .items[0]!;
    const incidentId = randomUUID();
    const actionId = randomUUID();
    const added = await context.request.post(lanternUrl('/api/incidents'), {
      headers,
      data: {
        incidentId,
        pupilId: pupil.pupilId,
        text: `Upset in the lunch queue (${Date.now()}).`,
        categoryIds: [category.categoryId],
        occurredAt: new Date(Date.now() - 120_000).toISOString(),
      },
    });
    expect(added.status()).toBe(201);
    const action = await context.request.post(lanternUrl(`/api/incidents/${incidentId}/actions`), {
      headers,
      data: {
        actionId,
        pupilId: pupil.pupilId,
        text: ORIGINAL,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(action.status()).toBe(201);

    await page.setViewportSize(PHONE);
    // The incident page shows its actions from the start.
    await page.goto(lanternUrl(`/incidents/${incidentId}?pupilId=${pupil.pupilId}`));
    await page.getByText(ORIGINAL).waitFor();
    await page.getByRole('button', { name: 'Edit action' }).click();
    await page.getByLabel('What was done').fill(EDITED);
    await page.getByRole('button', { name: 'Save action' }).click();
    await page.getByRole('alert').getByText('Give a reason').first().waitFor();
    await page.getByLabel('Why are you changing it?').fill('Added the call back');
    await expect(
      page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
    ).resolves.toBe(true);
    await page.getByRole('button', { name: 'Save action' }).click();
    await page.getByText(EDITED).waitFor();

    await page.reload();
    await page.getByText(EDITED).waitFor();
    await expect(page.getByText(ORIGINAL).count()).resolves.toBe(0);
    const saved = await context.request.get(
      lanternUrl(`/api/incidents/${incidentId}?pupilId=${pupil.pupilId}`),
    );
    const edited = ((await saved.json()) as IncidentView).incident.actions.find(
      (candidate) => candidate.actionId === actionId,
    );
    expect(edited).toMatchObject({ text: EDITED, version: 2 });
    expect(problems.errors).toEqual([]);
  });
});
