/**
 * Admin > Categories and Admin > Agencies in a real headless Chromium against the local Lantern, as the
 * designated safeguarding lead elevated with her demo authenticator app: creating a sub-category with a
 * per-group permission grid and finding it by name in a user group's grid, changing and refusing
 * changes to categories, and keeping agencies. Every test makes the categories and agencies it changes.
 */
import type { Locator, Page } from 'playwright-core';
import { AdminApi, uniqueSuffix } from '../support/admin-api';
import { useElevatedAdmin } from '../support/admin-session';
import { collectPageErrors, isExpectedRefusal, lanternUrl } from '../support/browser';
import { demoStaff, isApiCall } from '../support/staff-sign-in';

jest.setTimeout(90_000);

const DSL = demoStaff('dana.shah@oakfield.example.org');

interface AdminCategory {
  categoryId: string;
  name: string;
  colour: string;
  parentId?: string;
  disabled: boolean;
  version: number;
}

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

function rowFor(name: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

async function categories(): Promise<AdminCategory[]> {
  return (await api.get<{ items: AdminCategory[] }>('/api/admin/categories')).items;
}

async function categoryNamed(name: string): Promise<AdminCategory> {
  const category = (await categories()).find((candidate) => candidate.name === name);
  if (!category) throw new Error(`No category called ${name}`);
  return category;
}

describe('categories', () => {
  it('creates a sub-category with each group’s permission, and shows it by name in a user group’s grid', async () => {
    const problems = collectPageErrors(page);
    const name = `Knives ${uniqueSuffix()}`;
    const behaviour = await categoryNamed('Behaviour');
    const [teachersId, dslId] = await Promise.all([
      api.groupIdNamed('Teachers'),
      api.groupIdNamed('Designated Safeguarding Leads'),
    ]);
    await page.goto(lanternUrl('/admin'));
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Categories' }).click();
    await heading('Categories').waitFor();
    await rowFor('Behaviour').waitFor();

    await page.getByRole('link', { name: 'Create a category' }).click();
    await heading('Create a category').waitFor();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page
      .getByLabel('Copy a category colour')
      .selectOption({ label: `Behaviour (${behaviour.colour})` });
    await expect(page.getByLabel('Colour', { exact: true }).inputValue()).resolves.toBe(behaviour.colour);
    await page.getByLabel('Parent category').selectOption({ label: 'Behaviour' });
    const grid = page.getByRole('table', { name: 'User group permissions' });
    // Each group starts from its default for new categories: teachers may only record.
    await expect(grid.getByLabel('View incidents: Teachers').isChecked()).resolves.toBe(false);
    await expect(grid.getByLabel('Add incidents: Teachers').isChecked()).resolves.toBe(true);
    await expect(grid.getByLabel('View incidents: Designated Safeguarding Leads').isChecked()).resolves.toBe(
      true,
    );
    await grid.getByLabel('Add incidents: Teachers').uncheck();
    const created = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/admin/categories'));
    await page.getByRole('button', { name: 'Save category' }).click();

    const answer = await created;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toMatchObject({
      name,
      colour: behaviour.colour,
      parentId: behaviour.categoryId,
      groupPermissions: {
        [teachersId]: { viewStudents: false, viewIncidents: false, addIncidents: false },
        [dslId]: { viewStudents: true, viewIncidents: true, addIncidents: true },
      },
    });
    await heading('Categories').waitFor();
    await page.getByRole('status').getByText(`Created the category ${name}.`).waitFor();
    await rowFor(`${name} (sub-category of Behaviour)`).waitFor();

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'User groups' }).click();
    await heading('User groups').waitFor();
    await page.getByRole('link', { name: 'Teachers', exact: true }).click();
    await heading('Change Teachers').waitFor();
    const groupGrid = page.getByRole('table', { name: 'Category permissions' });
    const rowNames = (await groupGrid.getByRole('rowheader').allInnerTexts()).map((text) =>
      text.replace(/\s+/g, ' ').trim(),
    );
    expect(rowNames[0]).toBe('New categories (default)');
    // The new sub-category sits among Behaviour's sub-categories, named, not by its id.
    const behaviourAt = rowNames.indexOf('Behaviour');
    const newAt = rowNames.indexOf(`${name} (sub-category of Behaviour)`);
    expect(behaviourAt).toBeGreaterThan(0);
    expect(
      rowNames.slice(behaviourAt + 1, newAt).every((row) => row.endsWith('(sub-category of Behaviour)')),
    ).toBe(true);
    await expect(groupGrid.getByLabel(`Add incidents: ${name} (Behaviour)`).isChecked()).resolves.toBe(false);
    await expect(groupGrid.getByLabel('Add incidents: Bullying', { exact: true }).isChecked()).resolves.toBe(
      true,
    );
    expect(problems.errors).toEqual([]);
  });

  it('renames and recolours a category, and says to disable rather than delete a category with sub-categories', async () => {
    const parent = `Transport ${uniqueSuffix()}`;
    const made = await api.send('POST', '/api/admin/categories', { name: parent, colour: '#303030' });
    const { categoryId } = (await made.json()) as AdminCategory;
    // The refused delete is answered 409, which Chromium logs as a failed resource.
    const problems = collectPageErrors(page, isExpectedRefusal(`/api/admin/categories/${categoryId}`));
    await api.send('POST', '/api/admin/categories', { name: 'Bus', colour: '#404040', parentId: categoryId });

    await page.goto(lanternUrl(`/admin/categories/${categoryId}`));
    await heading(`Change ${parent}`).waitFor();
    const renamed = `${parent} and travel`;
    await page.getByLabel('Name', { exact: true }).fill(renamed);
    await page.getByLabel('Colour', { exact: true }).fill('#2e7d32');
    await page.getByRole('button', { name: 'Save category' }).click();
    await heading('Categories').waitFor();
    await page.getByRole('status').getByText(`Saved the category ${renamed}.`).waitFor();
    await expect(categoryNamed(renamed)).resolves.toMatchObject({ colour: '#2e7d32', version: 2 });

    await rowFor(renamed)
      .getByRole('button', { name: `Delete ${renamed}` })
      .click();
    const refusal = page.getByRole('alert');
    await refusal.getByText('has sub-categories', { exact: false }).waitFor();
    await expect(refusal.innerText()).resolves.toContain(`disable "${renamed}" instead`);
    await rowFor(renamed).waitFor();

    await rowFor(renamed)
      .getByRole('button', { name: `Disable ${renamed}` })
      .click();
    await page
      .getByRole('status')
      .getByText(`${renamed} and its sub-categories have been disabled.`)
      .waitFor();
    await rowFor(`Bus (sub-category of ${renamed})`).getByText('Disabled').waitFor();
    expect(problems.errors).toEqual([]);
  });
});

describe('merging', () => {
  it('merges a category into another only once its exact name is typed, warning that it cannot be undone', async () => {
    const problems = collectPageErrors(page);
    const suffix = uniqueSuffix();
    const source = (await (
      await api.send('POST', '/api/admin/categories', { name: `Cyberbullying ${suffix}`, colour: '#303030' })
    ).json()) as AdminCategory;
    const target = `Online abuse ${suffix}`;
    await api.send('POST', '/api/admin/categories', { name: target, colour: '#404040' });

    await page.goto(lanternUrl(`/admin/categories/${source.categoryId}`));
    await heading(`Change ${source.name}`).waitFor();
    const section = page.getByRole('region', { name: 'Merge' });
    await expect(section.innerText()).resolves.toContain('Merging cannot be undone.');
    await section.getByLabel('Category to merge into').selectOption({ label: target });
    await section
      .getByLabel(`To confirm, type the name of this category: ${source.name}`)
      .fill('cyberbullying');
    await section.getByRole('button', { name: `Merge ${source.name}` }).click();
    await page
      .getByRole('alert')
      .getByText(`Type ${source.name} exactly as it is written to confirm`)
      .first()
      .waitFor();

    await section.getByLabel(`To confirm, type the name of this category: ${source.name}`).fill(source.name);
    const merged = page.waitForResponse((response) =>
      isApiCall(response, 'POST', `/api/admin/categories/${source.categoryId}/merge`),
    );
    await section.getByRole('button', { name: `Merge ${source.name}` }).click();
    expect((await merged).request().postDataJSON()).toEqual({
      intoCategoryId: (await categoryNamed(target)).categoryId,
      confirm: source.name,
    });
    await heading('Categories').waitFor();
    await page.getByRole('status').getByText(`${source.name} has been merged into ${target}.`).waitFor();
    expect((await categories()).map((category) => category.name)).not.toContain(source.name);
    await rowFor(target).waitFor();
    expect(problems.errors).toEqual([]);
  });
});

describe('agencies', () => {
  it('adds an agency, refuses a name already used, renames and disables it', async () => {
    const problems = collectPageErrors(page, isExpectedRefusal('/api/admin/agencies'));
    const name = `Housing team ${uniqueSuffix()}`;
    await page.goto(lanternUrl('/admin/agencies'));
    await heading('Agencies').waitFor();
    await rowFor('CAMHS').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('police');
    await page.getByRole('button', { name: 'Save agency' }).click();
    await page.getByRole('alert').getByText('Another agency already has this name.').first().waitFor();

    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Save agency' }).click();
    await page.getByRole('status').getByText(`Added the agency ${name}.`).waitFor();
    await rowFor(name).waitFor();

    await rowFor(name)
      .getByRole('link', { name: `Rename ${name}` })
      .click();
    await heading(`Rename ${name}`).waitFor();
    const renamed = `${name} (council)`;
    await page.getByLabel('Name', { exact: true }).fill(renamed);
    await page.getByRole('button', { name: 'Save agency' }).click();
    await heading('Agencies').waitFor();
    await page.getByRole('status').getByText(`Saved the agency ${renamed}.`).waitFor();

    await rowFor(renamed)
      .getByRole('button', { name: `Disable ${renamed}` })
      .click();
    await page.getByRole('status').getByText(`${renamed} is no longer offered.`).waitFor();
    await rowFor(renamed).getByText('Disabled').waitFor();
    expect(problems.errors).toEqual([]);
  });
});
