/** Every check a new incident must pass before anything is written, each naming its field. */
import { IncidentFieldsError } from '../../../lib/incidents/incident-errors';
import { NewIncidentSchema, type NewIncident } from '../../../lib/incidents/incident';
import { checkNewIncident, type NewIncidentFacts } from '../../../lib/incidents/new-incident-checks';
import {
  AGENCY,
  AT,
  DANA,
  DSL_GROUP,
  HANNAH,
  LEFT,
  MATTHEW,
  NOW,
  PUPILS,
  STRANGER,
  TOM,
  reference,
  teacherProfile,
} from './incident-fixtures';

const INCIDENT_ID = '00000000-0000-4000-8000-0000000000e1';

function input(overrides: Record<string, unknown> = {}): NewIncident {
  return NewIncidentSchema.parse({
    incidentId: INCIDENT_ID,
    pupilId: HANNAH,
    text: 'Seen crying in the playground before school.',
    categoryIds: ['bullying'],
    occurredAt: AT,
    ...overrides,
  });
}

function facts(overrides: Partial<NewIncidentFacts> = {}): NewIncidentFacts {
  return {
    profile: teacherProfile(),
    now: NOW,
    reference: reference(),
    pupils: PUPILS,
    assigneeHasKey: true,
    ...overrides,
  };
}

function refusal(run: () => unknown): IncidentFieldsError {
  try {
    run();
  } catch (error) {
    if (error instanceof IncidentFieldsError) return error;
    throw error;
  }
  throw new Error('Expected the incident to be refused');
}

it('accepts a good incident and alerts each active person once, however they were named', () => {
  const checked = checkNewIncident(
    input({
      linkedPupils: [{ pupilId: MATTHEW, role: 'witness', categoryIds: ['online'] }],
      alerts: { personIds: [DANA], alertGroupIds: [DSL_GROUP] },
      assignedTo: DANA,
      agencyIds: [AGENCY],
      referral: { decision: 'referred', agencyIds: [AGENCY] },
    }),
    facts(),
  );
  expect(checked.subject.pupilId).toBe(HANNAH);
  expect(checked.linked.map((link) => [link.pupil.pupilId, link.input.role])).toEqual([[MATTHEW, 'witness']]);
  // The group also lists a deactivated member, who is not alerted.
  expect(checked.recipients).toEqual([
    { personId: DANA, name: 'Dana Shah', email: 'dana@oakfield.example.org' },
  ]);
  expect(checked.assignee?.personId).toBe(DANA);
});

it('refuses an empty text and no categories before any check runs (the schema)', () => {
  const parsed = NewIncidentSchema.safeParse({ ...input(), text: '   ', categoryIds: [] });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['categoryIds', 'text']);
});

it('answers an unknown pupil as not found, naming the field', () => {
  const error = refusal(() => checkNewIncident(input({ pupilId: STRANGER }), facts()));
  expect(error.kind).toBe('not-found');
  expect(error.errors).toEqual([{ field: 'body.pupilId', reason: 'no such pupil in this school' }]);
});

it('answers a linked pupil of another school as not found, and refuses the subject or a pupil linked twice', () => {
  const unknown = refusal(() =>
    checkNewIncident(
      input({ linkedPupils: [{ pupilId: STRANGER, role: 'victim', categoryIds: ['bullying'] }] }),
      facts(),
    ),
  );
  expect(unknown.kind).toBe('not-found');
  expect(unknown.errors[0]?.field).toBe('body.linkedPupils.0.pupilId');

  const twice = refusal(() =>
    checkNewIncident(
      input({
        linkedPupils: [
          { pupilId: HANNAH, role: 'victim', categoryIds: ['bullying'] },
          { pupilId: MATTHEW, role: 'witness', categoryIds: ['bullying'] },
          { pupilId: MATTHEW, role: 'other', categoryIds: ['bullying'] },
        ],
      }),
      facts(),
    ),
  );
  expect(twice.kind).toBe('invalid');
  expect(twice.errors).toEqual([
    { field: 'body.linkedPupils.0.pupilId', reason: 'is the pupil the incident is for' },
    { field: 'body.linkedPupils.2.pupilId', reason: 'is linked more than once' },
  ]);
});

it('refuses a missing or disabled category, and one the recorder may not record in as forbidden', () => {
  const invalid = refusal(() => checkNewIncident(input({ categoryIds: ['missing', 'old'] }), facts()));
  expect(invalid.kind).toBe('invalid');
  expect(invalid.errors).toEqual([
    { field: 'body.categoryIds.0', reason: 'no such category' },
    { field: 'body.categoryIds.1', reason: 'Old category is disabled' },
  ]);
  const forbidden = refusal(() =>
    checkNewIncident(
      input({ linkedPupils: [{ pupilId: MATTHEW, role: 'victim', categoryIds: ['protected'] }] }),
      facts(),
    ),
  );
  expect(forbidden.kind).toBe('forbidden');
  expect(forbidden.errors).toEqual([
    {
      field: 'body.linkedPupils.0.categoryIds.0',
      reason: 'your user group may not record in Child protection',
    },
  ]);
});

it('refuses a time in the future, allowing two minutes of clock skew', () => {
  const inTwoMinutes = new Date(NOW.getTime() + 119_000).toISOString();
  expect(() => checkNewIncident(input({ occurredAt: inTwoMinutes }), facts())).not.toThrow();
  const later = new Date(NOW.getTime() + 121_000).toISOString();
  const error = refusal(() => checkNewIncident(input({ occurredAt: later }), facts()));
  expect(error.errors).toEqual([{ field: 'body.occurredAt', reason: 'must not be in the future' }]);
});

it('assigns only to an active member with a key', () => {
  const noKey = refusal(() => checkNewIncident(input({ assignedTo: TOM }), facts({ assigneeHasKey: false })));
  expect(noKey.errors[0]?.field).toBe('body.assignedTo');
  const deactivated = refusal(() => checkNewIncident(input({ assignedTo: LEFT }), facts()));
  expect(deactivated.errors[0]?.field).toBe('body.assignedTo');
});

it('alerts only active members and alert groups of this school', () => {
  const error = refusal(() =>
    checkNewIncident(input({ alerts: { personIds: [LEFT, STRANGER], alertGroupIds: [STRANGER] } }), facts()),
  );
  expect(error.errors.map((problem) => problem.field)).toEqual([
    'body.alerts.personIds.0',
    'body.alerts.personIds.1',
    'body.alerts.alertGroupIds.0',
  ]);
});

it('requires an alert when the school says so', () => {
  const strict = facts({ reference: reference({ requireAlert: true }) });
  const error = refusal(() => checkNewIncident(input(), strict));
  expect(error.errors).toEqual([
    { field: 'body.alerts', reason: 'alert at least one person or alert group: this school requires it' },
  ]);
  expect(() => checkNewIncident(input({ alerts: { personIds: [DANA] } }), strict)).not.toThrow();
});

it('refuses unknown agencies, in the incident and in the referral', () => {
  const error = refusal(() =>
    checkNewIncident(
      input({ agencyIds: [STRANGER], referral: { decision: 'referred', agencyIds: [STRANGER] } }),
      facts(),
    ),
  );
  expect(error.errors.map((problem) => problem.field)).toEqual([
    'body.agencyIds.0',
    'body.referral.agencyIds.0',
  ]);
});

it('names an unknown pupil before lesser problems', () => {
  const error = refusal(() =>
    checkNewIncident(input({ pupilId: STRANGER, categoryIds: ['missing'] }), facts()),
  );
  expect(error.kind).toBe('not-found');
});
