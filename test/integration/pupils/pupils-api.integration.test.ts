/**
 * The pupil endpoints over HTTP with the demo seed: search, class registers, the picker for recording
 * a concern, one pupil's record (audited, and noted as recently viewed), and the changes an admin makes
 * by hand, with the refusals that keep records to the people allowed to see them.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dashboardKeys } from '../../../lib/data/keys';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

interface ListItem {
  pupilId: string;
  displayName: string;
  sortName: string;
  tutorGroup?: string;
  classIds: string[];
  archived: boolean;
  monitoring: { categoryId: string }[];
}
interface PupilList {
  items: ListItem[];
  nextCursor?: string;
}
interface Filters {
  classes: { classId: string; name: string; kind: string }[];
  categories: { categoryId: string; name: string }[];
}
interface Profile {
  pupilId: string;
  displayName: string;
  legalForename: string;
  legalSurname: string;
  version: number;
  source: string;
  archived: boolean;
  classIds: string[];
  tutorGroup?: string;
}
interface Contact {
  contactId: string;
  name: string;
  source: string;
  version: number;
  phone?: string;
}
interface PupilRecord {
  pupil: Profile;
  contacts: Contact[];
  links: {
    otherPupilId: string;
    kind: string;
    source: string;
    note?: string;
    other: { displayName: string };
  }[];
  monitoring: unknown[];
}
interface Problem {
  type?: string;
  detail?: string;
  errors?: { field: string; reason: string }[];
}

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let filters: Filters;

const classNamed = (name: string) => filters.classes.find((candidate) => candidate.name === name)!;

// Seeding the demo schools (450 pupils) and elevating can take a while on a busy machine.
beforeAll(async () => {
  harness = await startApiHarness();
  dana = await signInElevated(harness.baseUrl, 'dana');
  tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  filters = (await dana.json<Filters>('GET', '/api/pupils/filters')).body;
}, 120_000);

afterAll(async () => {
  await harness.close();
});

function newPupil(overrides: Record<string, unknown> = {}) {
  return {
    pupilId: randomUUID(),
    legalForename: 'Siân',
    legalSurname: "Ní Bhriain-O'Hara",
    dateOfBirth: '2016-02-29',
    gender: 'F',
    yearGroup: '4',
    ...overrides,
  };
}

async function search(client: StaffClient, query: string): Promise<ListItem[]> {
  const response = await client.json<PupilList>('GET', `/api/pupils?${query}`);
  expect(response.status).toBe(200);
  return response.body.items;
}

it('opens a class register by sort name and lists the classes and categories to filter by', async () => {
  expect(filters.classes.map((candidate) => candidate.name)).toEqual(
    expect.arrayContaining(['Reception', '5B']),
  );
  expect(filters.categories.length).toBeGreaterThan(0);
  const register = await search(dana, `classId=${classNamed('5B').classId}&limit=100`);
  expect(register.length).toBeGreaterThan(10);
  expect(register.every((item) => item.tutorGroup === '5B')).toBe(true);
  const sortNames = register.map((item) => item.sortName);
  expect(sortNames).toEqual([...sortNames].sort());
});

it('finds a pupil by any part of any name, without case or accents, and narrows by further words', async () => {
  const register = await search(dana, `classId=${classNamed('3A').classId}&limit=100`);
  const someone = register[0]!;
  const [forename, ...surnameParts] = someone.displayName.split(' ');
  const surname = surnameParts.join(' ');
  const accentFree = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '');
  const bySurname = await search(
    dana,
    `q=${encodeURIComponent(accentFree(surname).slice(0, 3).toUpperCase())}&limit=100`,
  );
  expect(bySurname.map((item) => item.pupilId)).toContain(someone.pupilId);
  const both = await search(dana, `q=${encodeURIComponent(`${surname} ${forename!.slice(0, 2)}`)}`);
  expect(both.map((item) => item.pupilId)).toContain(someone.pupilId);
  const wrong = await search(dana, `q=${encodeURIComponent(`${surname} zzqx`)}`);
  expect(wrong).toEqual([]);
});

it('pages a search with a cursor, listing each pupil once', async () => {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await dana.json<PupilList>(
      'GET',
      `/api/pupils?q=a&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.status).toBe(200);
    seen.push(...page.body.items.map((item) => item.pupilId));
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  expect(pages).toBeGreaterThan(1);
  expect(new Set(seen).size).toBe(seen.length);
  const edited = await dana.json<Problem>(
    'GET',
    `/api/pupils?q=a&cursor=${encodeURIComponent('eyJQSyI6IngifQ')}`,
  );
  expect(edited.status).toBe(400);
});

it('refuses a list with nothing to search by, and a query with no letters', async () => {
  const nothing = await dana.json<Problem>('GET', '/api/pupils');
  expect(nothing.status).toBe(400);
  expect(nothing.body.errors?.[0]?.field).toBe('query.q');
  const punctuation = await dana.json<Problem>('GET', `/api/pupils?q=${encodeURIComponent('--')}`);
  expect(punctuation.status).toBe(400);
});

it('reads a record with contacts and sibling links, audited and noted as recently viewed', async () => {
  const register = await search(dana, `classId=${classNamed('6B').classId}&limit=100`);
  const withSibling = await (async () => {
    for (const item of register) {
      const record = await dana.json<PupilRecord>('GET', `/api/pupils/${item.pupilId}`);
      if (record.body.links.length > 0) return record.body;
    }
    return undefined;
  })();
  const record =
    withSibling ?? (await dana.json<PupilRecord>('GET', `/api/pupils/${register[0]!.pupilId}`)).body;
  expect(record.pupil.source).toBe('mis');
  expect(record.contacts.length).toBeGreaterThan(0);
  if (withSibling) expect(record.links[0]).toMatchObject({ kind: 'sibling', source: 'mis' });

  const audit = await dana.json<{ items: { action: string; pupilId: string }[] }>(
    'GET',
    `/api/audit/pupils/${record.pupil.pupilId}`,
  );
  expect(audit.body.items.map((event) => event.action)).toContain('pupil.read');
  const viewed = await harness.table.dynamo.send(
    new GetCommand({
      TableName: harness.table.tableName,
      Key: dashboardKeys.viewed(dana.schoolId, dana.personId, record.pupil.pupilId),
    }),
  );
  expect(viewed.Item).toMatchObject({ pupilId: record.pupil.pupilId, displayName: record.pupil.displayName });
  expect(Number(viewed.Item?.expiresAt)).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);
});

it('answers an unknown pupil and another school’s pupil alike: 404', async () => {
  const unknown = await dana.json<Problem>('GET', `/api/pupils/${randomUUID()}`);
  expect(unknown.status).toBe(404);
  // Priya works at both schools: one sign-in finds Riverside's id, a second opens it elevated.
  const priya = await signInAs(harness.baseUrl, demoStaff('priya'));
  const schools = (
    await priya.json<{ schools: { schoolId: string; name: string }[] }>('GET', '/api/auth/session')
  ).body.schools;
  const riversideId = schools.find((school) => school.name.startsWith('Riverside'))?.schoolId;
  const atRiverside = await signInElevated(harness.baseUrl, 'priya', riversideId);
  const riversideFilters = (await atRiverside.json<Filters>('GET', '/api/pupils/filters')).body;
  const riversidePupil = (
    await search(atRiverside, `classId=${riversideFilters.classes.find((c) => c.name === '7N')!.classId}`)
  )[0]!;
  const crossSchool = await dana.json<Problem>('GET', `/api/pupils/${riversidePupil.pupilId}`);
  expect(crossSchool.status).toBe(404);
  expect(crossSchool.body.detail).toBe(unknown.body.detail);
  const badId = await dana.json<Problem>('GET', '/api/pupils/not-a-uuid');
  expect(badId.status).toBe(400);
});

it('refuses the pupil list to a teacher without a key, and asks a key holder to elevate first', async () => {
  const teacher = await tom.json<Problem>('GET', '/api/pupils?q=a');
  expect(teacher.status).toBe(403);
  expect(teacher.body.type).not.toContain('elevation');
  const notElevated = await signInAs(harness.baseUrl, demoStaff('dana'));
  const refused = await notElevated.json<Problem>('GET', `/api/pupils?q=a`);
  expect(refused.status).toBe(403);
  expect(refused.body.type).toBe('urn:lantern:problem:elevation-required');
  const record = await notElevated.json<Problem>('GET', `/api/pupils/${randomUUID()}`);
  expect(record.body.type).toBe('urn:lantern:problem:elevation-required');
});

it('lets any member of staff pick a pupil to record a concern about: active pupils, name and groups only', async () => {
  const picked = await tom.json<{ items: Record<string, unknown>[] }>('GET', '/api/pupils/lookup?q=a');
  expect(picked.status).toBe(200);
  expect(picked.body.items.length).toBeGreaterThan(0);
  expect(picked.body.items.length).toBeLessThanOrEqual(20);
  for (const item of picked.body.items) {
    expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['archived', 'displayName', 'pupilId']));
    expect(item).not.toHaveProperty('classIds');
    expect(item).not.toHaveProperty('monitoring');
    expect(item.archived).toBe(false);
  }
  const missing = await tom.json<Problem>('GET', '/api/pupils/lookup');
  expect(missing.status).toBe(400);
});

it('adds a pupil by hand once, however often the request is retried, and refuses bad fields by name', async () => {
  const input = newPupil({ classIds: [classNamed('4A').classId, classNamed('Year 4').classId] });
  const created = await dana.json<Profile>('POST', '/api/pupils', input);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ source: 'manual', version: 1, tutorGroup: '4A', archived: false });
  const retried = await dana.json<Profile>('POST', '/api/pupils', input);
  expect(retried.status).toBe(201);
  expect(retried.body).toEqual(created.body);
  const clash = await dana.json<Problem>('POST', '/api/pupils', { ...input, legalForename: 'Other' });
  expect(clash.status).toBe(409);

  const found = await search(dana, `q=${encodeURIComponent('ohara sian')}`);
  expect(found.map((item) => item.pupilId)).toContain(input.pupilId);
  expect((await search(dana, 'q=bhriain')).map((item) => item.pupilId)).toContain(input.pupilId);

  const bad = await dana.json<Problem>(
    'POST',
    '/api/pupils',
    newPupil({ dateOfBirth: '29/02/2016', upn: 'X1' }),
  );
  expect(bad.status).toBe(400);
  expect(bad.body.errors?.map((error) => error.field).sort()).toEqual(['body.dateOfBirth', 'body.upn']);
  const unknownClass = await dana.json<Problem>(
    'POST',
    '/api/pupils',
    newPupil({ classIds: [randomUUID()] }),
  );
  expect(unknownClass.status).toBe(400);
  expect(unknownClass.body.errors?.[0]?.field).toBe('body.classIds');
  const teacher = await tom.json<Problem>('POST', '/api/pupils', newPupil());
  expect(teacher.status).toBe(403);
});

it('edits a pupil added by hand (search follows the new name), refuses a stale version and MIS pupils', async () => {
  const input = newPupil({ legalForename: 'Gwenllian', legalSurname: 'Price' });
  await dana.json('POST', '/api/pupils', input);
  const renamed = await dana.json<Profile>('PATCH', `/api/pupils/${input.pupilId}`, {
    version: 1,
    preferredForename: 'Gwen',
    legalSurname: 'Pryce',
  });
  expect(renamed.status).toBe(200);
  expect(renamed.body).toMatchObject({ displayName: 'Gwen Pryce', version: 2 });
  expect((await search(dana, 'q=gwen pryce')).map((item) => item.pupilId)).toContain(input.pupilId);
  expect((await search(dana, 'q=price')).map((item) => item.pupilId)).not.toContain(input.pupilId);

  const stale = await dana.json<Problem>('PATCH', `/api/pupils/${input.pupilId}`, {
    version: 1,
    legalSurname: 'X',
  });
  expect(stale.status).toBe(409);
  const cleared = await dana.json<Profile>('PATCH', `/api/pupils/${input.pupilId}`, {
    version: 2,
    preferredForename: null,
  });
  expect(cleared.body.displayName).toBe('Gwenllian Pryce');
  const moved = await dana.json<Profile>('PATCH', `/api/pupils/${input.pupilId}`, {
    version: 3,
    classIds: [classNamed('3B').classId],
  });
  expect(moved.body).toMatchObject({ tutorGroup: '3B', version: 4 });
  const register = await search(dana, `classId=${classNamed('3B').classId}&limit=100`);
  expect(register.map((item) => item.pupilId)).toContain(input.pupilId);
  const unknownClass = await dana.json<Problem>('PATCH', `/api/pupils/${input.pupilId}`, {
    version: 4,
    classIds: [randomUUID()],
  });
  expect(unknownClass.body.errors?.[0]?.field).toBe('body.classIds');
  const empty = await dana.json<Problem>('PATCH', `/api/pupils/${input.pupilId}`, { version: 4 });
  expect(empty.status).toBe(400);
  const blank = await dana.json<Problem>('PATCH', `/api/pupils/${input.pupilId}`, {
    version: 4,
    legalSurname: ' ',
  });
  expect(blank.status).toBe(400);
  expect(blank.body.errors?.[0]?.field).toBe('body.legalSurname');

  const misPupil = (await search(dana, `classId=${classNamed('2A').classId}`))[0]!;
  const mis = await dana.json<Problem>('PATCH', `/api/pupils/${misPupil.pupilId}`, {
    version: 1,
    legalSurname: 'X',
  });
  expect(mis.status).toBe(409);
  expect(mis.body.detail).toContain('MIS');
  const unknown = await dana.json<Problem>('PATCH', `/api/pupils/${randomUUID()}`, {
    version: 1,
    legalSurname: 'X',
  });
  expect(unknown.status).toBe(404);
});

it('archives a pupil added by hand: found again only with "include archived", and back on unarchive', async () => {
  const input = newPupil({ legalForename: 'Ottilie', legalSurname: 'Quenby' });
  await dana.json('POST', '/api/pupils', input);
  const archived = await dana.json<Profile>('POST', `/api/pupils/${input.pupilId}/archive`, { version: 1 });
  expect(archived.body).toMatchObject({ archived: true, version: 2 });
  expect(await search(dana, 'q=quenby')).toEqual([]);
  const withArchived = await search(dana, 'q=quenby&includeArchived=true');
  expect(withArchived.map((item) => [item.pupilId, item.archived])).toEqual([[input.pupilId, true]]);
  expect((await tom.json<{ items: unknown[] }>('GET', '/api/pupils/lookup?q=quenby')).body.items).toEqual([]);
  const again = await dana.json<Problem>('POST', `/api/pupils/${input.pupilId}/archive`, { version: 2 });
  expect(again.status).toBe(409);
  await dana.json('POST', `/api/pupils/${input.pupilId}/unarchive`, { version: 2 });
  expect((await search(dana, 'q=quenby')).map((item) => item.pupilId)).toEqual([input.pupilId]);
});

it('adds, edits and removes a contact by hand; MIS contacts stay as the MIS has them', async () => {
  const input = newPupil();
  await dana.json('POST', '/api/pupils', input);
  const contact = {
    contactId: randomUUID(),
    name: 'Morgan Ellis',
    relationship: 'Social worker',
    phone: '07700 900123',
    parentalResponsibility: false,
  };
  const added = await dana.json<Contact>('POST', `/api/pupils/${input.pupilId}/contacts`, contact);
  expect(added.status).toBe(201);
  expect(added.body).toMatchObject({ source: 'manual', version: 1 });
  expect((await dana.json<Contact>('POST', `/api/pupils/${input.pupilId}/contacts`, contact)).status).toBe(
    201,
  );
  const edited = await dana.json<Contact>(
    'PATCH',
    `/api/pupils/${input.pupilId}/contacts/${contact.contactId}`,
    {
      name: 'Morgan Ellis',
      relationship: 'Social worker',
      phone: '07700 900456',
      version: 1,
    },
  );
  expect(edited.body).toMatchObject({ phone: '07700 900456', version: 2 });
  const stale = await dana.json<Problem>(
    'PATCH',
    `/api/pupils/${input.pupilId}/contacts/${contact.contactId}`,
    {
      name: 'X',
      relationship: 'Y',
      version: 1,
    },
  );
  expect(stale.status).toBe(409);
  const badEmail = await dana.json<Problem>('POST', `/api/pupils/${input.pupilId}/contacts`, {
    ...contact,
    contactId: randomUUID(),
    email: 'not an email',
  });
  expect(badEmail.body.errors?.[0]?.field).toBe('body.email');
  expect(
    (await dana.request('DELETE', `/api/pupils/${input.pupilId}/contacts/${contact.contactId}?version=2`))
      .status,
  ).toBe(204);
  const record = await dana.json<PupilRecord>('GET', `/api/pupils/${input.pupilId}`);
  expect(record.body.contacts).toEqual([]);

  const misPupil = (await search(dana, `classId=${classNamed('1A').classId}`))[0]!;
  const misContact = (await dana.json<PupilRecord>('GET', `/api/pupils/${misPupil.pupilId}`)).body
    .contacts[0]!;
  const refused = await dana.json<Problem>(
    'PATCH',
    `/api/pupils/${misPupil.pupilId}/contacts/${misContact.contactId}`,
    {
      name: 'X',
      relationship: 'Y',
      version: misContact.version,
    },
  );
  expect(refused.status).toBe(409);
  expect(refused.body.detail).toContain('MIS');
});

it('links two pupils by hand on both records, refuses another school’s pupil, and unlinks both', async () => {
  const input = newPupil({ legalForename: 'Anwen' });
  await dana.json('POST', '/api/pupils', input);
  const other = (await search(dana, `classId=${classNamed('4B').classId}`))[0]!;
  const link = { otherPupilId: other.pupilId, kind: 'manual', note: 'cousin' };
  const added = await dana.json<{ other: { pupilId: string } }>(
    'POST',
    `/api/pupils/${input.pupilId}/links`,
    link,
  );
  expect(added.status).toBe(201);
  expect((await dana.json('POST', `/api/pupils/${input.pupilId}/links`, link)).status).toBe(201);
  const otherRecord = await dana.json<PupilRecord>('GET', `/api/pupils/${other.pupilId}`);
  expect(otherRecord.body.links).toContainEqual(
    expect.objectContaining({ otherPupilId: input.pupilId, note: 'cousin', kind: 'manual' }),
  );
  // Renaming the pupil refreshes the name the other pupil's link shows.
  await dana.json('PATCH', `/api/pupils/${input.pupilId}`, { version: 1, legalForename: 'Angharad' });
  const refreshed = await dana.json<PupilRecord>('GET', `/api/pupils/${other.pupilId}`);
  expect(
    refreshed.body.links.find((entry) => entry.otherPupilId === input.pupilId)?.other.displayName,
  ).toMatch(/^Angharad /);

  expect(
    (await dana.json('POST', `/api/pupils/${input.pupilId}/links`, { ...link, otherPupilId: randomUUID() }))
      .status,
  ).toBe(404);
  expect(
    (await dana.json('POST', `/api/pupils/${input.pupilId}/links`, { ...link, otherPupilId: input.pupilId }))
      .status,
  ).toBe(400);
  expect(
    (await dana.json('POST', `/api/pupils/${input.pupilId}/links`, { ...link, kind: 'sibling' })).status,
  ).toBe(400);

  expect((await dana.request('DELETE', `/api/pupils/${other.pupilId}/links/${input.pupilId}`)).status).toBe(
    204,
  );
  expect((await dana.json<PupilRecord>('GET', `/api/pupils/${input.pupilId}`)).body.links).toEqual([]);
  expect((await dana.request('DELETE', `/api/pupils/${other.pupilId}/links/${input.pupilId}`)).status).toBe(
    404,
  );
});

it('hides pupils outside the viewer’s classes when class restrictions are on: not listed, 404 on read', async () => {
  const hiddenClass = await dana.json<{ classId: string }>('POST', '/api/admin/classes', {
    name: `Nurture ${randomUUID().slice(0, 6)}`,
    kind: 'tutor',
  });
  const input = newPupil({
    legalForename: 'Bronwen',
    legalSurname: 'Quillfeather',
    classIds: [hiddenClass.body.classId],
  });
  await dana.json('POST', '/api/pupils', input);
  const settings = await dana.json<Record<string, unknown> & { version: number }>(
    'GET',
    '/api/admin/settings',
  );
  const { schoolId: _school, updatedAt: _updated, ...editable } = settings.body;
  const on = await dana.json<{ version: number }>('PUT', '/api/admin/settings', {
    ...editable,
    classRestrictionsEnabled: true,
  });
  try {
    expect(await search(dana, 'q=quillfeather')).toEqual([]);
    expect((await dana.json('GET', `/api/pupils/${input.pupilId}`)).status).toBe(404);
    expect(
      (await dana.json<Filters>('GET', '/api/pupils/filters')).body.classes.map((c) => c.classId),
    ).not.toContain(hiddenClass.body.classId);
    // Demo classes are open to the safeguarding leads, so their pupils are still found.
    expect((await search(dana, `classId=${classNamed('5B').classId}`)).length).toBeGreaterThan(0);
    // Recording a concern is open to everyone about every pupil.
    expect(
      (await tom.json<{ items: { pupilId: string }[] }>('GET', '/api/pupils/lookup?q=quillfeather')).body
        .items,
    ).toEqual([expect.objectContaining({ pupilId: input.pupilId })]);
  } finally {
    await dana.json('PUT', '/api/admin/settings', {
      ...editable,
      classRestrictionsEnabled: false,
      version: on.body.version,
    });
  }
  expect((await search(dana, 'q=quillfeather')).map((item) => item.pupilId)).toEqual([input.pupilId]);
});
