/**
 * Printing an incident (REC-6): the data handed to the renderer holds only what the viewer may see,
 * and the PDF has pages, a title, and long text continued over further pages.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import { buildAccessProfile } from '../../../lib/access/authorisation';
import { defaultSchoolSettings } from '../../../lib/access/school-settings';
import { newUserGroup } from '../../../lib/access/user-group';
import type { IncidentWithActions } from '../../../lib/incidents/chronology-entry';
import { renderIncidentPdf } from '../../../lib/incidents/incident-pdf';
import { buildIncidentPrint, type PrintContext } from '../../../lib/incidents/incident-print';
import { AGENCY, AT, DANA, HANNAH, MATTHEW, NOW, SCHOOL, TOM, reference } from './incident-fixtures';

const INCIDENT = '00000000-0000-4000-8000-0000000000e1';
const ACTION = '00000000-0000-4000-8000-0000000000e2';
const HIDDEN_ACTION_CATEGORY = 'protected';

/** A key holder who may see bullying and online safety incidents, but not child protection. */
function dslProfile() {
  const see = { viewStudents: true, viewIncidents: true, addIncidents: true };
  return buildAccessProfile({
    personId: DANA,
    schoolId: SCHOOL,
    elevated: true,
    group: newUserGroup(
      SCHOOL,
      {
        name: 'DSL',
        description: '',
        systemPermissions: ['students.details', 'incidents.add'],
        categoryPermissions: {
          bullying: see,
          online: see,
          protected: { viewStudents: false, viewIncidents: false, addIncidents: false },
        },
        newCategoryDefault: { viewStudents: false, viewIncidents: false, addIncidents: false },
      },
      AT,
    ),
    settings: defaultSchoolSettings(SCHOOL, AT),
    classGroups: [],
  });
}

function incident(text: string): IncidentWithActions {
  const tom = { personId: TOM, name: 'Tom Reed' };
  return {
    incidentId: INCIDENT,
    schoolId: SCHOOL,
    number: 42,
    pupilId: HANNAH,
    role: 'victim',
    categoryIds: ['bullying', 'online'],
    otherPupils: [{ pupilId: MATTHEW, displayName: 'Matthew Greenwood', role: 'witness' }],
    text,
    occurredAt: AT,
    recordedAt: AT,
    recordedBy: tom,
    status: 'active',
    agencyIds: [AGENCY],
    bodyMap: [{ view: 'front', x: 0.4, y: 0.25, note: 'bruise on arm' }],
    referral: {
      decision: 'referred',
      agencyIds: [AGENCY],
      rationale: 'Disclosure',
      decidedAt: AT,
      decidedBy: tom,
    },
    documentIds: [],
    training: false,
    version: 1,
    updatedAt: AT,
    actions: [
      {
        actionId: ACTION,
        incidentId: INCIDENT,
        schoolId: SCHOOL,
        pupilId: HANNAH,
        text: 'Phoned mum.',
        categoryIds: ['online', HIDDEN_ACTION_CATEGORY],
        agencyIds: [],
        occurredAt: '2026-03-02T11:00:00.000Z',
        recordedAt: '2026-03-02T11:00:00.000Z',
        recordedBy: { personId: DANA, name: 'Dana Shah' },
        documentIds: [],
        training: false,
        version: 1,
      },
    ],
  };
}

function context(): PrintContext {
  const school = reference();
  return {
    schoolName: 'Oakfield Primary School',
    timeZone: 'Europe/London',
    pupilName: 'Hannah Greenwood',
    categories: school.categories,
    agencies: school.agencies,
    printedBy: 'Dana Shah',
    printedAt: NOW,
  };
}

describe('the data handed to the renderer', () => {
  it('holds the record as a DSL reads it on paper', () => {
    const data = buildIncidentPrint(incident('Seen crying at the gate.'), dslProfile(), context());
    expect(data).toMatchObject({
      title: 'Incident 42',
      schoolName: 'Oakfield Primary School',
      pupils: ['Hannah Greenwood (Victim)', 'Matthew Greenwood (Witness)'],
      occurredAt: 'Monday 2 March 2026, 10:00',
      recordedBy: 'Tom Reed',
      categories: ['Bullying', 'Bullying > Online safety'],
      agencies: ['Social care'],
      bodyMap: ['1. Front, 40% across, 25% down: bruise on arm'],
      referral:
        'Referred to Social care (decided by Tom Reed, Monday 2 March 2026, 10:00). Reason: Disclosure',
      footer: 'Printed by Dana Shah on Monday 2 March 2026, 10:00 — OFFICIAL-SENSITIVE',
    });
    expect(data.actions).toEqual([
      expect.objectContaining({
        heading: 'Monday 2 March 2026, 11:00, recorded by Dana Shah',
        text: 'Phoned mum.',
      }),
    ]);
  });

  it('leaves out a category the viewer may not see, wherever it appears', () => {
    const data = buildIncidentPrint(incident('Text.'), dslProfile(), context());
    expect(data.actions[0]?.categories).toEqual(['Bullying > Online safety']);
    expect(JSON.stringify(data)).not.toContain('Child protection');
    expect(JSON.stringify(data)).not.toContain(HIDDEN_ACTION_CATEGORY);
  });

  it('leaves out deleted actions', () => {
    const record = incident('Text.');
    const deleted = {
      ...record,
      actions: record.actions.map((action) => ({
        ...action,
        deleted: { at: AT, by: { personId: DANA, name: 'Dana Shah' }, reason: 'wrong pupil' },
      })),
    };
    expect(buildIncidentPrint(deleted, dslProfile(), context()).actions).toEqual([]);
  });
});

describe('the PDF', () => {
  it('has at least one page and the incident as its title', async () => {
    const bytes = await renderIncidentPdf(
      buildIncidentPrint(incident('Seen crying at the gate.'), dslProfile(), context()),
      NOW,
    );
    expect(Buffer.from(bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Incident 42 – Oakfield Primary School');
  });

  it('wraps long paragraphs onto further pages', async () => {
    const paragraph = 'She said an older pupil had taken her phone and posted a photo of her. '.repeat(40);
    const long = Array.from({ length: 8 }, () => paragraph).join('\n');
    const doc = await PDFDocument.load(
      await renderIncidentPdf(buildIncidentPrint(incident(long), dslProfile(), context()), NOW),
    );
    expect(doc.getPageCount()).toBeGreaterThan(3);
  });

  it('prints text the standard fonts cannot encode instead of failing', async () => {
    const bytes = await renderIncidentPdf(
      buildIncidentPrint(incident('Said “I’m scared” 😢 — Łukasz was there.'), dslProfile(), context()),
      NOW,
    );
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });
});
