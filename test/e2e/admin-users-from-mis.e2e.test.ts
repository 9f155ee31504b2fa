/**
 * Admin > Users > Add a user "from the MIS" (IAM-5) in a real headless Chromium against the local
 * Lantern. Oakfield's MIS lists two new members of staff: a connector credential pushes a partial
 * extract (staff only, so no pupil anywhere changes) and the import is run now through the Scheduler
 * stand-in. The safeguarding lead then picks one from the list, finds the name and email filled in,
 * adds them, and the list no longer offers them.
 */
import { AdminApi, uniqueSuffix } from './support/admin-api';
import { useElevatedAdmin } from './support/admin-session';
import { collectPageErrors, lanternUrl } from './support/browser';
import { demoStaff, isApiCall } from './support/staff-sign-in';

jest.setTimeout(180_000);

const DSL = demoStaff('dana.shah@oakfield.example.org');
const suffix = uniqueSuffix();
const WITH_EMAIL = {
  id: `e2e-staff-${suffix}-1`,
  title: 'Ms',
  forename: 'Imogen',
  surname: `Fairweather${suffix.slice(-4)}`,
  email: `imogen.fairweather.${suffix}@oakfield.example.org`,
  roles: ['Teacher', 'Head of Year 5'],
};
const WITHOUT_EMAIL = {
  id: `e2e-staff-${suffix}-2`,
  forename: 'Osric',
  surname: `Fairweather${suffix.slice(-4)}`,
  roles: ['Caretaker'],
};

const admin = useElevatedAdmin(DSL);

/** Pushes the staff with a new connector credential and applies it now; resolves once it is applied. */
async function importStaff(api: AdminApi, schoolId: string): Promise<void> {
  const created = await api.send('POST', '/api/admin/mis/connectors', { label: `E2E staff ${suffix}` });
  expect(created.status()).toBe(201);
  const { secret } = (await created.json()) as { secret: string };
  const { request } = admin().context;
  const pushed = await request.post(lanternUrl(`/api/mis/schools/${schoolId}/extracts`), {
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    data: JSON.stringify({
      format: 'lantern-mis-extract/1',
      generatedAt: new Date().toISOString(),
      // Partial: only adds and updates, so the other suites' pupils and staff stay as they are.
      complete: false,
      groups: [],
      pupils: [],
      staff: [WITH_EMAIL, WITHOUT_EMAIL],
    }),
  });
  expect(pushed.status()).toBe(202);
  const { importId } = (await pushed.json()) as { importId: string };
  const run = await api.send('POST', '/api/admin/mis/imports/run');
  expect(run.status()).toBe(202);
  // The Scheduler stand-in fires the one-off schedule a few seconds later.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const state = await request.get(lanternUrl(`/api/mis/schools/${schoolId}/imports/${importId}`), {
      headers: { authorization: `Bearer ${secret}` },
    });
    const { status } = (await state.json()) as { status: string };
    if (status === 'applied') return;
    if (status === 'failed' || Date.now() > deadline) throw new Error(`The staff import ended ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

it('adds a member of staff from the MIS list, with their name and email filled in', async () => {
  const { page, context, view } = admin();
  const api = new AdminApi(context.request, view.csrfToken);
  await importStaff(api, view.school.schoolId);
  const problems = collectPageErrors(page);

  await page.goto(lanternUrl('/admin/users/new'));
  await page.getByRole('heading', { level: 1, name: 'Add a user' }).waitFor();
  // The form starts on typing someone in; the MIS list is one choice away.
  await expect(page.getByLabel('Someone not in the MIS').isChecked()).resolves.toBe(true);
  await expect(page.getByLabel('Member of staff', { exact: true }).count()).resolves.toBe(0);
  await page.getByLabel('A member of staff from the MIS').check();

  const staffList = page.getByLabel('Member of staff', { exact: true });
  const label = `${WITH_EMAIL.surname}, Imogen (Teacher, Head of Year 5)`;
  await staffList.locator('option', { hasText: label }).waitFor({ state: 'attached' });
  const offered = await staffList.locator('option').allInnerTexts();
  expect(offered).toContain(`${WITHOUT_EMAIL.surname}, Osric (Caretaker)`);
  // Demo staff who are users already (Dana, by hand) are never offered.
  expect(offered.some((text) => text.includes('Shah'))).toBe(false);

  await staffList.selectOption({ label });
  await expect(page.getByLabel('Full name').inputValue()).resolves.toBe(`Imogen ${WITH_EMAIL.surname}`);
  await expect(page.getByLabel('Email address').inputValue()).resolves.toBe(WITH_EMAIL.email);

  await page.getByLabel('User group').selectOption({ label: 'Teachers' });
  await page.getByLabel('Email them a link to set their password').uncheck();
  const added = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/admin/users'));
  await page.getByRole('button', { name: 'Add user' }).click();
  const response = await added;
  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toEqual({
    displayName: `Imogen ${WITH_EMAIL.surname}`,
    email: WITH_EMAIL.email,
    groupId: await api.groupIdNamed('Teachers'),
    sendPasswordEmail: false,
    misStaffId: WITH_EMAIL.id,
  });
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  await expect(page.getByRole('status').filter({ hasText: 'has been added' }).innerText()).resolves.toBe(
    `Imogen ${WITH_EMAIL.surname} has been added.`,
  );

  // Added once: the list offers only the other one now, whose email the admin must type.
  await page.goto(lanternUrl('/admin/users/new'));
  await page.getByLabel('A member of staff from the MIS').check();
  await staffList
    .locator('option', { hasText: WITHOUT_EMAIL.surname })
    .first()
    .waitFor({ state: 'attached' });
  const after = await staffList.locator('option').allInnerTexts();
  expect(after).not.toContain(label);
  await staffList.selectOption({ label: `${WITHOUT_EMAIL.surname}, Osric (Caretaker)` });
  await expect(page.getByLabel('Full name').inputValue()).resolves.toBe(`Osric ${WITHOUT_EMAIL.surname}`);
  await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('');
  expect(problems.errors).toEqual([]);
});

it('asks which member of staff before sending anything', async () => {
  const { page } = admin();
  let posted = false;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/admin/users') posted = true;
  });
  await page.goto(lanternUrl('/admin/users/new'));
  await page.getByLabel('A member of staff from the MIS').check();
  await page.getByRole('button', { name: 'Add user' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByRole('link', { name: 'Choose the member of staff' }).click();
  await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('new-user-mis-staff');
  expect(posted).toBe(false);
});
