/**
 * Admin > User groups, Alert groups, Classes and Settings in a real headless Chromium against the local
 * Lantern, as the designated safeguarding lead elevated with her demo authenticator app. Every test
 * creates the groups, users and classes it works on, with names no other test uses; the one test that
 * changes a school-wide setting puts it back.
 */
import type { Locator, Page } from 'playwright-core';
import { AdminApi, uniqueEmail, uniqueSuffix } from './support/admin-api';
import { useElevatedAdmin } from './support/admin-session';
import { collectPageErrors, isExpectedRefusal, lanternUrl } from './support/browser';
import { demoStaff, isApiCall } from './support/staff-sign-in';

jest.setTimeout(90_000);

const DSL = demoStaff('dana.shah@oakfield.example.org');

const admin = useElevatedAdmin(DSL);
let page: Page;
let api: AdminApi;

beforeEach(() => {
  const session = admin();
  page = session.page;
  api = new AdminApi(session.context.request, session.view.csrfToken);
});

function heading(name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** The text of each cell, with the line breaks a visually hidden part adds turned into spaces. */
async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.getByRole('cell').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

function rowFor(name: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

async function openAdmin(path: string, title: string): Promise<void> {
  await page.goto(lanternUrl(path));
  await heading(title).waitFor();
}

describe('user groups', () => {
  it('creates a group with system and category permissions, then changes it', async () => {
    const problems = collectPageErrors(page);
    const name = `Pastoral team ${uniqueSuffix()}`;
    await openAdmin('/admin/user-groups', 'User groups');

    await page.getByRole('link', { name: 'Create a user group' }).click();
    await heading('Create a user group').waitFor();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Description (optional)').fill('Heads of year and the pastoral lead');
    const systemPermissions = page.getByRole('group', { name: 'System permissions' });
    const pupilList = systemPermissions.getByLabel('View the pupil list');
    // Permissions that need a key say so, and the hint is tied to the checkbox.
    const hintId = (await pupilList.getAttribute('aria-describedby'))!;
    await expect(page.locator(`[id="${hintId}"]`).innerText()).resolves.toBe('Needs a key');
    await pupilList.check();
    await systemPermissions.getByLabel('Add incidents and actions').check();
    const grid = page.getByRole('table', { name: 'Category permissions' });
    await expect(grid.getByRole('columnheader').allInnerTexts()).resolves.toEqual([
      'Category',
      'View students',
      'View incidents',
      'Add incidents',
    ]);
    // The school's categories follow the row for new ones, by name.
    const rowNames = await grid.getByRole('rowheader').allInnerTexts();
    expect(rowNames[0]).toBe('New categories (default)');
    expect(rowNames).toContain('Bullying');
    await grid.getByLabel('View incidents: New categories (default)').check();
    await grid.getByLabel('Add incidents: New categories (default)').check();
    const created = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/admin/user-groups'));
    await page.getByRole('button', { name: 'Create user group' }).click();
    const answer = await created;

    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({
      name,
      description: 'Heads of year and the pastoral lead',
      systemPermissions: ['students.list', 'incidents.add'],
      categoryPermissions: {},
      newCategoryDefault: { viewStudents: false, viewIncidents: true, addIncidents: true },
    });
    await heading('User groups').waitFor();
    await page.getByRole('status').getByText(`Created the user group ${name}.`).waitFor();
    const row = rowFor(name);
    await row.waitFor();
    await expect(cellTexts(row)).resolves.toEqual([
      'Heads of year and the pastoral lead',
      '0',
      `Delete ${name}`,
    ]);

    await row.getByRole('link', { name }).click();
    await heading(`Change ${name}`).waitFor();
    await expect(page.getByLabel('View the pupil list').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Run reports').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('View students: New categories (default)').isChecked()).resolves.toBe(false);
    await page.getByLabel('Run reports').check();
    const { groupId } = (await answer.json()) as { groupId: string };
    const saved = page.waitForResponse((response) =>
      isApiCall(response, 'PUT', `/api/admin/user-groups/${groupId}`),
    );
    await page.getByRole('button', { name: 'Save user group' }).click();

    expect((await saved).request().postDataJSON()).toMatchObject({
      systemPermissions: ['incidents.add', 'students.list', 'reports.run'],
      version: 1,
    });
    await page.getByRole('status').getByText(`Saved the user group ${name}.`).waitFor();
    await expect(api.userGroup(groupId)).resolves.toMatchObject({
      systemPermissions: ['incidents.add', 'reports.run', 'students.list'],
      version: 2,
    });
    expect(problems.errors).toEqual([]);
  });

  it('reports a change someone else saved meanwhile, and reloads the group on request', async () => {
    const group = await api.createUserGroup(`Office staff ${uniqueSuffix()}`, ['incidents.add']);
    await openAdmin(`/admin/user-groups/${group.groupId}`, `Change ${group.name}`);
    const renamed = `${group.name} (renamed)`;
    const elsewhere = await api.send('PUT', `/api/admin/user-groups/${group.groupId}`, {
      name: renamed,
      description: '',
      systemPermissions: ['incidents.add', 'library.view'],
      categoryPermissions: {},
      newCategoryDefault: { viewStudents: false, viewIncidents: false, addIncidents: true },
      version: group.version,
    });
    expect(elsewhere.status()).toBe(200);

    await page.getByLabel('Run reports').check();
    await page.getByRole('button', { name: 'Save user group' }).click();

    const alert = page.getByRole('alert');
    await alert
      .getByText('Someone else changed this user group since you opened it.', { exact: false })
      .waitFor();
    await alert.getByRole('button', { name: 'Reload and start again' }).click();
    await heading(`Change ${renamed}`).waitFor();
    await expect(page.getByLabel('View library files').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Run reports').isChecked()).resolves.toBe(false);
    await expect(api.userGroup(group.groupId)).resolves.toMatchObject({ name: renamed, version: 2 });
  });

  it('refuses to delete a group that gained a member, and deletes an empty one', async () => {
    const joined = await api.createUserGroup(`Joined later ${uniqueSuffix()}`);
    const empty = await api.createUserGroup(`Never used ${uniqueSuffix()}`);
    // Chromium logs the refused delete's 409 itself; nothing else may go wrong on the page.
    const problems = collectPageErrors(page, isExpectedRefusal(`/api/admin/user-groups/${joined.groupId}`));
    await openAdmin('/admin/user-groups', 'User groups');
    await rowFor(joined.name)
      .getByRole('button', { name: `Delete ${joined.name}` })
      .waitFor();

    // Someone joins the group while the list is on screen.
    const member = await api.addUser({
      displayName: `New joiner ${uniqueSuffix()}`,
      email: uniqueEmail('joiner'),
      groupName: joined.name,
    });
    const refused = page.waitForResponse((response) =>
      isApiCall(response, 'DELETE', `/api/admin/user-groups/${joined.groupId}`),
    );
    await page.getByRole('button', { name: `Delete ${joined.name}` }).click();

    expect((await refused).status()).toBe(409);
    const alert = page.getByRole('alert');
    await alert.getByText(`"${joined.name}" still has members. Move them to another group first.`).waitFor();
    await expect(page.evaluate<string>('document.activeElement.getAttribute("role")')).resolves.toBe('alert');
    // The list reloads: the group now shows its member, and no Delete button.
    await rowFor(joined.name).getByRole('cell', { name: '1', exact: true }).waitFor();
    await expect(rowFor(joined.name).getByRole('button').count()).resolves.toBe(0);
    await expect(api.userGroup(joined.groupId)).resolves.toMatchObject({ memberCount: 1 });

    await rowFor(empty.name)
      .getByRole('button', { name: `Delete ${empty.name}` })
      .click();

    await page.getByRole('status').getByText(`The user group ${empty.name} has been deleted.`).waitFor();
    await rowFor(empty.name).waitFor({ state: 'detached' });
    expect((await api.userGroups()).map((group) => group.name)).not.toContain(empty.name);
    expect(member.groupName).toBe(joined.name);
    expect(problems.errors).toEqual([]);
  });
});

describe('alert groups', () => {
  it('creates an alert group with members picked from a filtered list', async () => {
    const team = uniqueSuffix();
    const first = await api.addUser({
      displayName: `Alex ${team}`,
      email: uniqueEmail('alert-a'),
      groupName: 'Teachers',
    });
    const second = await api.addUser({
      displayName: `Bea ${team}`,
      email: uniqueEmail('alert-b'),
      groupName: 'Teachers',
    });
    const name = `Year 6 team ${team}`;
    await openAdmin('/admin/alert-groups', 'Alert groups');

    await page.getByRole('link', { name: 'Create an alert group' }).click();
    await heading('Create an alert group').waitFor();
    await page.getByLabel('Name', { exact: true }).fill(name);
    const members = page.getByRole('group', { name: 'Members' });
    await members.getByLabel('Filter users by name or email').fill(team);
    await expect(members.getByRole('checkbox').count()).resolves.toBe(2);
    await members.getByLabel(first.displayName).check();
    await members.getByLabel(second.displayName).check();
    await expect(members.getByRole('status').innerText()).resolves.toMatch(/^2 selected; showing 2 of \d+$/);
    const created = page.waitForResponse((response) =>
      isApiCall(response, 'POST', '/api/admin/alert-groups'),
    );
    await page.getByRole('button', { name: 'Create alert group' }).click();

    const answer = await created;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({ name, personIds: [first.personId, second.personId] });
    await heading('Alert groups').waitFor();
    await page.getByRole('status').getByText(`Created the alert group ${name}.`).waitFor();
    await expect(rowFor(name).getByRole('cell').first().innerText()).resolves.toBe('2');
    const saved = (await api.alertGroups()).find((group) => group.name === name);
    expect(saved?.personIds.sort()).toEqual([first.personId, second.personId].sort());

    await rowFor(name)
      .getByRole('button', { name: `Delete ${name}` })
      .click();
    await page.getByRole('status').getByText(`The alert group ${name} has been deleted.`).waitFor();
    expect((await api.alertGroups()).map((group) => group.name)).not.toContain(name);
  });
});

describe('classes and settings', () => {
  it('turns on class restrictions, adds a class and gives a user group and a user access to it', async () => {
    const before = await api.settings();
    const user = await api.addUser({
      displayName: `Form tutor ${uniqueSuffix()}`,
      email: uniqueEmail('tutor'),
      groupName: 'Teachers',
    });
    const className = `7R ${uniqueSuffix()}`;
    try {
      await openAdmin('/admin/settings', 'Settings');
      await expect(page.getByLabel('Idle timeout (minutes)').inputValue()).resolves.toBe(
        String(before.idleTimeoutMinutes),
      );
      const restrictions = page.getByRole('group', { name: 'Class restrictions' });
      await restrictions.getByLabel('Turn on class restrictions').check();
      const saved = page.waitForResponse((response) => isApiCall(response, 'PUT', '/api/admin/settings'));
      await page.getByRole('button', { name: 'Save settings' }).click();

      expect((await saved).request().postDataJSON()).toEqual({
        idleTimeoutMinutes: before.idleTimeoutMinutes,
        allowedEmailDomains: before.allowedEmailDomains,
        classRestrictionsEnabled: true,
        requireAlert: before.requireAlert,
        disableUsersMissingFromMis: false,
        version: before.version,
      });
      await page.getByRole('status').getByText('Settings saved. Class restrictions are on.').waitFor();

      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Classes' }).click();
      await heading('Classes').waitFor();
      await page.getByText('Class restrictions are on', { exact: false }).waitFor();
      await expect(
        page.getByRole('link', { name: 'Change this in Settings' }).getAttribute('href'),
      ).resolves.toBe('/admin/settings');

      await page.getByLabel('Name', { exact: true }).fill(className);
      await page.getByRole('group', { name: 'Kind of class' }).getByLabel('Tutor group').check();
      await page.getByRole('button', { name: 'Add class' }).click();

      await page
        .getByRole('status')
        .getByText(`Added the tutor group ${className}.`, { exact: false })
        .waitFor();
      const row = rowFor(className);
      await row.waitFor();
      await expect(row.getByRole('cell').allInnerTexts()).resolves.toEqual([
        'Tutor group',
        'Awaiting access',
      ]);

      await row.getByRole('link', { name: className }).click();
      await heading(`Who may see ${className}`).waitFor();
      await page
        .getByRole('group', { name: 'User groups' })
        .getByLabel('Designated Safeguarding Leads')
        .check();
      const users = page.getByRole('group', { name: 'Users' });
      await users.getByLabel('Filter users by name or email').fill(user.email);
      await users.getByLabel(user.displayName).check();
      const { items } = await api.classes();
      const created = items.find((candidate) => candidate.name === className)!;
      const granted = page.waitForResponse((response) =>
        isApiCall(response, 'PUT', `/api/admin/classes/${created.classId}/access`),
      );
      await page.getByRole('button', { name: 'Save access' }).click();

      expect((await granted).request().postDataJSON()).toEqual({
        groupIds: [await api.groupIdNamed('Designated Safeguarding Leads')],
        personIds: [user.personId],
        version: 1,
      });
      await heading('Classes').waitFor();
      await page.getByRole('status').getByText(`Saved who may see the pupils in ${className}.`).waitFor();
      await rowFor(className).getByRole('cell', { name: '1 user group, 1 user' }).waitFor();
      await expect(rowFor(className).getByRole('cell').allInnerTexts()).resolves.toEqual([
        'Tutor group',
        '1 user group, 1 user',
      ]);
      await expect(api.classes()).resolves.toMatchObject({ classRestrictionsEnabled: true });
    } finally {
      // Class restrictions are school-wide: leave them as they were for every other test.
      await api.saveSettings({ classRestrictionsEnabled: before.classRestrictionsEnabled });
    }
  });

  it('checks the settings in the browser, and reports settings someone else saved meanwhile', async () => {
    await openAdmin('/admin/settings', 'Settings');

    await page.getByLabel('Idle timeout (minutes)').fill('3');
    await page.getByLabel('Allowed email domains').fill('oakfield.example.org\nnot a domain');
    await page.getByRole('button', { name: 'Save settings' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary.getByRole('link').allInnerTexts()).resolves.toEqual([
      'The idle timeout must be a whole number of minutes from 5 to 120',
      'not a domain is not a domain: enter domains like oakfield.sch.uk, one on each line',
    ]);

    // Saved elsewhere (unchanged values, so no other test notices), which moves the version on.
    await api.saveSettings({});
    await page.getByLabel('Idle timeout (minutes)').fill('30');
    await page.getByLabel('Allowed email domains').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();

    const alert = page.getByRole('alert');
    await alert
      .getByText('Someone else changed the settings since you opened them.', { exact: false })
      .waitFor();
    await alert.getByRole('button', { name: 'Reload and start again' }).click();
    await expect(page.getByLabel('Idle timeout (minutes)').inputValue()).resolves.toBe(
      String((await api.settings()).idleTimeoutMinutes),
    );
  });
});
