/**
 * The demo incident generator: deterministic, every record in the past and about pupils and categories
 * that exist, counts in the planned ranges, numbers contiguous in recording order, and the spread the
 * demo promises (long and short chronologies, linked pupils with roles, referral decisions both ways,
 * open and stopped monitoring, unread alerts only for the lead, real PDF and PNG files).
 */
import { createHash } from 'node:crypto';
import { DashboardAlertSchema } from '../../../lib/alerts/dashboard-alert';
import { startingCategories } from '../../../lib/categories/default-categories';
import { VaultDocumentSchema } from '../../../lib/documents/document';
import { DEMO_INCIDENT_SCHOOLS } from '../../../lib/incidents/demo-incident-seed';
import {
  generateDemoIncidents,
  type DemoIncidentPlan,
  type DemoIncidentSource,
} from '../../../lib/incidents/demo-incidents';
import { ActionSchema, IncidentSchema } from '../../../lib/incidents/incident';
import { MonitoringIntervalSchema } from '../../../lib/monitoring/monitoring';
import { generateDemoPupils } from '../../../lib/pupils/demo-pupils';

const SCHOOL_ID = '5a0c3b7e-1f4d-4e7a-9c2b-6d8e0f1a2b3c';
const NOW = new Date('2026-03-11T10:15:00.000Z');
const EIGHTEEN_MONTHS_MS = 18.5 * 30.5 * 86_400_000;

const dana = { personId: '0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f', name: 'Dana Shah' };
const priya = { personId: '1c2d3e4f-5061-4728-9930-4b5c6d7e8f90', name: 'Priya Nair' };
const tom = { personId: '2d3e4f50-6172-4839-8a41-5c6d7e8f9001', name: 'Tom Reed' };

const pupils = generateDemoPupils({
  schoolId: SCHOOL_ID,
  seed: 990001,
  count: 300,
  yearGroups: ['R', '1', '2', '3', '4', '5', '6'],
  tutorGroupSuffixes: ['A', 'B'],
  academicYearStart: 2025,
  laNumber: '999',
  establishmentNumber: '2001',
  at: '2025-09-01T08:00:00.000Z',
}).pupils;
const { categories, agencies } = startingCategories(SCHOOL_ID, '2024-01-01T00:00:00.000Z');

const source: DemoIncidentSource = {
  schoolId: SCHOOL_ID,
  timeZone: 'Europe/London',
  pupils,
  categories,
  agencies,
  recorders: [
    { staff: tom, weight: 55 },
    { staff: dana, weight: 30 },
    { staff: priya, weight: 15 },
  ],
  leads: [dana, priya],
  alerted: dana,
  firstNumber: 8,
  now: NOW,
};
const oakfield: DemoIncidentPlan = DEMO_INCIDENT_SCHOOLS.find((school) => school.urn === '990001')!.plan;
const riverside: DemoIncidentPlan = DEMO_INCIDENT_SCHOOLS.find((school) => school.urn === '990002')!.plan;
const demo = generateDemoIncidents(source, oakfield);

function subjectCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const incident of demo.incidents)
    counts.set(incident.pupilId, (counts.get(incident.pupilId) ?? 0) + 1);
  return counts;
}

it('gives the same records for the same school, pupils, seed and clock, and keeps its ids on another day', () => {
  expect(generateDemoIncidents(source, oakfield)).toEqual(demo);
  const tomorrow = generateDemoIncidents({ ...source, now: new Date(NOW.getTime() + 86_400_000) }, oakfield);
  expect(tomorrow.firstGeneratedId).toBe(demo.firstGeneratedId);
  expect(new Set(tomorrow.incidents.map((incident) => incident.incidentId))).toEqual(
    new Set(demo.incidents.map((incident) => incident.incidentId)),
  );
  const other = generateDemoIncidents(source, { ...oakfield, seed: oakfield.seed + 1 });
  expect(other.firstGeneratedId).not.toBe(demo.firstGeneratedId);
});

it('makes 400–700 incidents at Oakfield over about 80 pupils, a few with long chronologies, and ~100 at Riverside', () => {
  expect(demo.incidents.length).toBeGreaterThanOrEqual(400);
  expect(demo.incidents.length).toBeLessThanOrEqual(700);
  const counts = [...subjectCounts().values()];
  expect(counts).toHaveLength(80);
  expect(counts.filter((count) => count >= 25)).toHaveLength(6);
  expect(counts.filter((count) => count <= 3).length).toBeGreaterThanOrEqual(50);
  const small = generateDemoIncidents(source, riverside);
  expect(small.incidents.length).toBeGreaterThanOrEqual(70);
  expect(small.incidents.length).toBeLessThanOrEqual(140);
});

it('numbers the incidents contiguously from the school’s next number, in the order they were recorded', () => {
  expect(demo.incidents.map((incident) => incident.number)).toEqual(
    demo.incidents.map((_, index) => source.firstNumber + index),
  );
  const recorded = demo.incidents.map((incident) => incident.recordedAt);
  expect(recorded).toEqual([...recorded].sort());
  expect(new Set(demo.incidents.map((incident) => incident.incidentId)).size).toBe(demo.incidents.length);
});

it('dates everything in the past, within the last 18 months, and each record after what it follows', () => {
  const earliest = NOW.getTime() - EIGHTEEN_MONTHS_MS;
  const byId = new Map(demo.incidents.map((incident) => [incident.incidentId, incident]));
  for (const incident of demo.incidents) {
    expect(Date.parse(incident.occurredAt)).toBeGreaterThan(earliest);
    expect(Date.parse(incident.occurredAt)).toBeLessThanOrEqual(Date.parse(incident.recordedAt));
    expect(Date.parse(incident.recordedAt)).toBeLessThan(NOW.getTime());
    expect(Date.parse(incident.updatedAt)).toBeLessThan(NOW.getTime());
  }
  for (const action of demo.actions) {
    expect(Date.parse(action.occurredAt)).toBeGreaterThan(
      Date.parse(byId.get(action.incidentId)!.occurredAt),
    );
    expect(Date.parse(action.recordedAt)).toBeLessThan(NOW.getTime());
  }
  for (const interval of demo.intervals) {
    expect(Date.parse(interval.startedAt)).toBeLessThan(NOW.getTime());
    if (interval.endedAt) {
      expect(Date.parse(interval.endedAt)).toBeGreaterThan(Date.parse(interval.startedAt));
      expect(Date.parse(interval.endedAt)).toBeLessThan(NOW.getTime());
    }
  }
});

it('involves only pupils that exist and records only the school’s open categories, as the schemas shape them', () => {
  const pupilIds = new Set(pupils.map((pupil) => pupil.pupilId));
  const categoryIds = new Set(categories.map((category) => category.categoryId));
  for (const incident of [...demo.incidents, ...demo.earlierVersions]) {
    expect(IncidentSchema.parse(incident)).toEqual(incident);
    expect(incident.pupils[0]!.pupilId).toBe(incident.pupilId);
    for (const pupil of incident.pupils) {
      expect(pupilIds.has(pupil.pupilId)).toBe(true);
      expect(pupil.categoryIds.length).toBeGreaterThan(0);
      for (const categoryId of pupil.categoryIds) expect(categoryIds.has(categoryId)).toBe(true);
    }
    expect(incident.text).not.toMatch(/[{}]/);
  }
  const involved = new Map(demo.incidents.map((incident) => [incident.incidentId, incident]));
  for (const action of demo.actions) {
    expect(ActionSchema.parse(action)).toEqual(action);
    const incident = involved.get(action.incidentId)!;
    for (const pupilId of action.pupilIds) {
      expect(incident.pupils.map((pupil) => pupil.pupilId)).toContain(pupilId);
    }
  }
  for (const interval of demo.intervals) {
    expect(MonitoringIntervalSchema.parse(interval)).toEqual(interval);
    expect(pupilIds.has(interval.pupilId)).toBe(true);
    expect(categoryIds.has(interval.categoryId)).toBe(true);
  }
});

it('links pupils with roles, and records actions and referral decisions both ways with a rationale', () => {
  const roles = new Set(demo.incidents.flatMap((incident) => incident.pupils.map((pupil) => pupil.role)));
  expect([...roles]).toEqual(expect.arrayContaining(['subject', 'victim', 'perpetrator', 'witness']));
  expect(demo.actions.length).toBeGreaterThan(demo.incidents.length / 2);
  const decisions = demo.incidents.flatMap((incident) => (incident.referral ? [incident.referral] : []));
  const referred = decisions.filter((decision) => decision.decision === 'referred');
  const notReferred = decisions.filter((decision) => decision.decision === 'not-referred');
  expect(referred.length).toBeGreaterThan(5);
  expect(notReferred.length).toBeGreaterThan(5);
  for (const decision of notReferred) expect(decision.rationale.length).toBeGreaterThan(10);
  const socialCare = agencies.find((agency) => agency.name === "Children's social care")!.agencyId;
  for (const decision of referred) expect(decision.agencyIds).toEqual([socialCare]);
  // A decision changed the incident: its first version is kept, as an action's change keeps it.
  expect(demo.earlierVersions).toHaveLength(decisions.length);
  for (const previous of demo.earlierVersions) {
    expect(previous.version).toBe(1);
    expect(previous.referral).toBeUndefined();
  }
});

it('leaves monitoring open for some and stopped for others, one open spell per pupil and category', () => {
  const open = demo.intervals.filter((interval) => interval.endedAt === undefined);
  const stopped = demo.intervals.filter((interval) => interval.endedAt !== undefined);
  expect(open.length).toBeGreaterThan(20);
  expect(stopped.length).toBeGreaterThan(20);
  const keys = open.map((interval) => `${interval.pupilId} ${interval.categoryId}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const interval of stopped) expect(interval.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

it('gives the safeguarding lead the unread alerts and the assignments, and no one else', () => {
  expect(demo.alerts).toHaveLength(oakfield.unreadAlerts);
  for (const alert of demo.alerts) {
    expect(DashboardAlertSchema.parse(alert)).toEqual(alert);
    expect(alert.personId).toBe(dana.personId);
    expect(alert.alertedBy.personId).not.toBe(dana.personId);
  }
  const alertedIds = demo.incidents.flatMap((incident) => incident.alertedPersonIds);
  expect(new Set(alertedIds)).toEqual(new Set([dana.personId]));
  const assigned = demo.incidents.filter((incident) => incident.assignedTo !== undefined);
  expect(assigned).toHaveLength(oakfield.assigned);
  for (const incident of assigned) {
    expect(incident.assignedTo).toEqual(dana);
    expect(incident.status).toBe('active');
  }
});

it('makes real PDF and PNG files for the vault, stored under the pupil, attached ones listed on the incident', () => {
  expect(demo.documents).toHaveLength(oakfield.documents);
  const types = new Set(demo.documents.map(({ document }) => document.contentType));
  expect(types).toEqual(new Set(['application/pdf', 'image/png']));
  const byId = new Map(demo.incidents.map((incident) => [incident.incidentId, incident]));
  for (const { document, body } of demo.documents) {
    expect(VaultDocumentSchema.parse(document)).toEqual(document);
    expect(document.sizeBytes).toBe(body.length);
    expect(document.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(document.objectKey).toBe(`vault/${SCHOOL_ID}/${document.pupilId}/${document.documentId}`);
    if (document.contentType === 'application/pdf') {
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(body.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    } else {
      expect([...body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
    if (document.incidentId) {
      expect(byId.get(document.incidentId)!.documentIds).toContain(document.documentId);
      expect(document.categoryIds).toEqual(byId.get(document.incidentId)!.pupils[0]!.categoryIds);
    }
  }
  expect(demo.documents.some(({ document }) => document.incidentId === undefined)).toBe(true);
});
