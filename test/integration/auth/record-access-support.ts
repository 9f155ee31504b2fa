/**
 * The school the record-access matrix runs in, set up through the API as an admin would: class
 * restrictions on; a form tutors' group that may see tutor group 7X (not 8Y, not pupils without a class)
 * and every category but Child protection; Priya moved into it; pupils in 7X, in 8Y and in no class, with
 * incidents, files, monitoring, contacts and links recorded by the safeguarding lead. Also which routes
 * hold pupil data, derived from the endpoint contracts so a new route is found the day it is added.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EndpointContract } from '../../../lib/platform/http/endpoint';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { signInElevated, type StaffClient } from '../../support/staff-client';
import { uploadDocument } from '../documents/vault-client';
import { actionBody, categoriesOf, incidentBody } from '../incidents/incident-test-support';

/** Areas whose every route reads or changes pupil records. */
const RECORD_AREAS = /^\/api\/(pupils|monitoring|chronology|vault|incidents)(\/|$)/;
/** Routes outside those areas that still show pupil data. */
const ALSO_PUPIL_DATA = new Set(['getDashboard']);

function namesAPupil(schema: z.ZodType | undefined): boolean {
  if (schema === undefined) return false;
  const described = JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  return /"(pupilId|pupilIds|otherPupilId)"/.test(described);
}

/** Every route that reads or changes a pupil's record, or lists pupils. */
export function pupilDataRoutes(endpoints: readonly EndpointContract[]): EndpointContract[] {
  return endpoints.filter(
    (contract) =>
      contract.access.kind === 'staff' &&
      (RECORD_AREAS.test(contract.path) ||
        /\{(pupilId|incidentId)\}/.test(contract.path) ||
        namesAPupil(contract.query) ||
        namesAPupil(contract.body) ||
        ALSO_PUPIL_DATA.has(contract.operationId)),
  );
}

export const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

const EVERYTHING = { viewStudents: true, viewIncidents: true, addIncidents: true };
const NOTHING = { viewStudents: false, viewIncidents: false, addIncidents: false };

export interface RecordWorld {
  readonly harness: ApiHarness;
  /** The safeguarding lead: every class, every category; sets everything up. */
  readonly dana: StaffClient;
  /** A form tutor: 7X only, every category but Child protection, elevated. */
  readonly priya: StaffClient;
  /** Bullying: Priya may view, add and see monitoring. */
  readonly open: string;
  /** Child protection: Priya may do nothing in it. */
  readonly hidden: string;
  readonly classes: { readonly mine: string; readonly other: string };
  readonly pupils: {
    /** 7X: incidents in both categories, files, monitored under Bullying, linked to `outside`. */
    readonly ada: string;
    /** 7X: monitored under Child protection only; has a contact added by hand. */
    readonly ben: string;
    /** 7X: kept untouched for links, monitoring and archiving by Priya. */
    readonly cara: string;
    /** 8Y: an incident, files, a contact, monitored under Bullying. */
    readonly outside: string;
    /** No class: Priya's group lacks students.withoutClass. */
    readonly classless: string;
  };
  readonly incidents: {
    /** Ada, Bullying, with `documents.adaOpen`; assigned to Priya. */
    readonly adaOpen: string;
    /** Ada, Child protection, with `documents.adaHidden`; assigned to Priya. */
    readonly adaHidden: string;
    /** The pupil outside Priya's classes, Bullying, with `documents.outsideAttached`. */
    readonly outside: string;
  };
  readonly documents: {
    readonly adaOpen: string;
    readonly adaHidden: string;
    /** Added straight to Ada's vault (no incident). */
    readonly adaLoose: string;
    readonly outsideAttached: string;
    readonly outsideLoose: string;
  };
  readonly contacts: { readonly ben: string; readonly outside: string };
}

async function ok<T>(pending: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const { status, body } = await pending;
  if (status < 200 || status > 299) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

export async function buildRecordWorld(): Promise<RecordWorld> {
  const harness = await startApiHarness();
  const dana = await signInElevated(harness.baseUrl, 'dana');
  const category = await categoriesOf(harness.table, dana.schoolId);
  const open = category('Bullying').categoryId;
  const hidden = category('Child protection').categoryId;

  // Two tutor groups, a form tutors' group that may see one of them, and class restrictions on.
  const newClass = (name: string) =>
    ok(
      dana.json<{ classId: string; version: number }>('POST', '/api/admin/classes', { name, kind: 'tutor' }),
      `Creating class ${name}`,
    );
  const [mine, other] = await Promise.all([newClass('7X'), newClass('8Y')]);
  const groups = await ok(
    dana.json<{ items: { groupId: string; name: string; categoryPermissions: Record<string, unknown> }[] }>(
      'GET',
      '/api/admin/user-groups',
    ),
    'Listing user groups',
  );
  const dsl = groups.items.find((group) => group.name === 'Designated Safeguarding Leads')!;
  const tutors = await ok(
    dana.json<{ groupId: string }>('POST', '/api/admin/user-groups', {
      name: 'Form tutors',
      description: 'Their own tutor group; no child protection',
      systemPermissions: [
        'students.list',
        'students.details',
        'students.manage',
        'incidents.add',
        'incidents.edit',
        'files',
        'audit.view',
      ],
      categoryPermissions: { ...dsl.categoryPermissions, [open]: EVERYTHING, [hidden]: NOTHING },
      newCategoryDefault: EVERYTHING,
    }),
    'Creating the form tutors group',
  );
  await Promise.all([
    ok(
      dana.json('PUT', `/api/admin/classes/${mine.classId}/access`, {
        personIds: [],
        groupIds: [tutors.groupId, dsl.groupId],
        version: mine.version,
      }),
      'Giving 7X to the tutors',
    ),
    ok(
      dana.json('PUT', `/api/admin/classes/${other.classId}/access`, {
        personIds: [],
        groupIds: [dsl.groupId],
        version: other.version,
      }),
      'Giving 8Y to the leads',
    ),
  ]);
  const settings = await ok(
    dana.json<{
      idleTimeoutMinutes: number;
      allowedEmailDomains: string[];
      requireAlert: boolean;
      version: number;
    }>('GET', '/api/admin/settings'),
    'Reading settings',
  );
  // Only the settings this suite knows, so a setting added later keeps its default here.
  const { idleTimeoutMinutes, allowedEmailDomains, requireAlert, version } = settings;
  await ok(
    dana.json('PUT', '/api/admin/settings', {
      idleTimeoutMinutes,
      allowedEmailDomains,
      requireAlert,
      version,
      classRestrictionsEnabled: true,
    }),
    'Turning class restrictions on',
  );
  const users = await ok(
    dana.json<{ items: { personId: string; email: string }[] }>('GET', '/api/admin/users'),
    'Listing users',
  );
  const priyaId = users.items.find((user) => user.email.startsWith('priya'))!.personId;
  await ok(
    dana.json('PATCH', `/api/admin/users/${priyaId}`, { groupId: tutors.groupId }),
    'Moving Priya to the tutors',
  );
  const priya = await signInElevated(harness.baseUrl, 'priya', dana.schoolId);

  const addPupil = async (forename: string, classIds: string[]) => {
    const pupilId = randomUUID();
    await ok(
      dana.json('POST', '/api/pupils', {
        pupilId,
        legalForename: forename,
        legalSurname: 'Matrixson',
        dateOfBirth: '2013-10-01',
        gender: 'U',
        classIds,
      }),
      `Adding ${forename}`,
    );
    return pupilId;
  };
  const [ada, ben, cara, outside, classless] = await Promise.all([
    addPupil('Ada', [mine.classId]),
    addPupil('Ben', [mine.classId]),
    addPupil('Cara', [mine.classId]),
    addPupil('Olly', [other.classId]),
    addPupil('Nell', []),
  ]);

  const upload = async (pupilId: string, name: string) =>
    (await uploadDocument(dana, pupilId, name, 'application/pdf', PDF)).documentId;
  const [adaOpenDoc, adaHiddenDoc, adaLoose, outsideAttached, outsideLoose] = await Promise.all([
    upload(ada, 'bullying-notes.pdf'),
    upload(ada, 'disclosure.pdf'),
    upload(ada, 'consent.pdf'),
    upload(outside, 'outside-notes.pdf'),
    upload(outside, 'outside-consent.pdf'),
  ]);
  const record = async (body: ReturnType<typeof incidentBody>, what: string) => {
    await ok(dana.json('POST', '/api/incidents', body), what);
    return body.incidentId;
  };
  const adaOpen = await record(
    incidentBody(ada, [open], {
      documentIds: [adaOpenDoc],
      text: 'Name-calling in the lunch queue.',
      assignedTo: priya.personId,
    }),
    'Recording the open incident',
  );
  const adaHidden = await record(
    incidentBody(ada, [hidden], {
      documentIds: [adaHiddenDoc],
      text: 'A disclosure about home that only the leads may read.',
      assignedTo: priya.personId,
    }),
    'Recording the hidden incident',
  );
  const outsideIncident = await record(
    incidentBody(outside, [open], { documentIds: [outsideAttached], text: 'Pushed in the corridor.' }),
    'Recording the outside incident',
  );

  const contact = (pupilId: string) => {
    const contactId = randomUUID();
    return ok(
      dana.json('POST', `/api/pupils/${pupilId}/contacts`, {
        contactId,
        name: 'Sam Carer',
        relationship: 'Carer',
      }),
      'Adding a contact',
    ).then(() => contactId);
  };
  const [benContact, outsideContact] = await Promise.all([
    contact(ben),
    contact(outside),
    ok(dana.json('POST', `/api/pupils/${ada}/monitoring`, { start: [open] }), 'Monitoring Ada'),
    ok(dana.json('POST', `/api/pupils/${ben}/monitoring`, { start: [hidden] }), 'Monitoring Ben'),
    ok(dana.json('POST', `/api/pupils/${outside}/monitoring`, { start: [open] }), 'Monitoring Olly'),
    ok(
      dana.json('POST', `/api/pupils/${ada}/links`, {
        otherPupilId: outside,
        kind: 'manual',
        note: 'Cousins',
      }),
      'Linking Ada and Olly',
    ),
  ]);

  return {
    harness,
    dana,
    priya,
    open,
    hidden,
    classes: { mine: mine.classId, other: other.classId },
    pupils: { ada, ben, cara, outside, classless },
    incidents: { adaOpen, adaHidden, outside: outsideIncident },
    documents: {
      adaOpen: adaOpenDoc,
      adaHidden: adaHiddenDoc,
      adaLoose,
      outsideAttached,
      outsideLoose,
    },
    contacts: { ben: benContact, outside: outsideContact },
  };
}

/** An incident the lead recorded with one action on it, for the REC-6 cases to change or be refused. */
export interface EditTarget {
  readonly incidentId: string;
  readonly number: number;
  readonly actionId: string;
  readonly pupilId: string;
}

/** Records, as the lead, an incident about the pupil with one action: nobody is alerted or assigned. */
export async function recordForEditing(
  world: RecordWorld,
  pupilId: string,
  categoryIds: string[],
  extra: Record<string, unknown> = {},
): Promise<EditTarget> {
  const body = incidentBody(pupilId, categoryIds, {
    text: 'Recorded for the editing checks.',
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    ...extra,
  });
  const { number } = await ok(
    world.dana.json<{ number: number }>('POST', '/api/incidents', body),
    'Recording an incident to edit',
  );
  const action = actionBody(pupilId, { text: 'Spoke to the pupil afterwards.' });
  await ok(world.dana.json('POST', `/api/incidents/${body.incidentId}/actions`, action), 'Adding an action');
  return { incidentId: body.incidentId, number, actionId: action.actionId, pupilId };
}

/** Incidents, each with an action, that the form tutor may not change (none changes in these cases). */
export interface EditRefusalTargets {
  /** Ada (7X), Child protection. */
  readonly hidden: EditTarget;
  /** A pupil of 8Y, Bullying. */
  readonly outside: EditTarget;
  /** A pupil in no class, Bullying. */
  readonly classless: EditTarget;
  /** Ada (Bullying) with a linked 8Y pupil (Bullying): she sees only one of the copies a change rewrites. */
  readonly partly: EditTarget;
}

/**
 * Built once, by the first REC-6 case. Its own 8Y and class-less pupils (another surname, so the
 * Matrixson lists are untouched) keep the monitoring these incidents start off the world's pupils.
 */
export async function buildEditRefusalTargets(world: RecordWorld): Promise<EditRefusalTargets> {
  const { dana, open, hidden, classes } = world;
  const addPupil = async (forename: string, classIds: string[]) => {
    const pupilId = randomUUID();
    await ok(
      dana.json('POST', '/api/pupils', {
        pupilId,
        legalForename: forename,
        legalSurname: 'Editson',
        dateOfBirth: '2013-11-01',
        gender: 'U',
        classIds,
      }),
      `Adding ${forename}`,
    );
    return pupilId;
  };
  const [outsidePupil, classlessPupil] = await Promise.all([
    addPupil('Otto', [classes.other]),
    addPupil('Noor', []),
  ]);
  const [hiddenTarget, outside, classless, partly] = await Promise.all([
    recordForEditing(world, world.pupils.ada, [hidden]),
    recordForEditing(world, outsidePupil, [open]),
    recordForEditing(world, classlessPupil, [open]),
    recordForEditing(world, world.pupils.ada, [open], {
      linkedPupils: [{ pupilId: outsidePupil, role: 'witness', categoryIds: [open] }],
    }),
  ]);
  return { hidden: hiddenTarget, outside, classless, partly };
}
