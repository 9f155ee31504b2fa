/** Alert mails say who and which categories, link to the incident, and carry nothing of the record. */
import { alertMail, assignmentMail, incidentLink } from '../../../lib/alerts/alert-mail';
import type { AlertOutbox } from '../../../lib/alerts/alert-outbox';

const outbox: AlertOutbox = {
  schoolId: '00000000-0000-4000-8000-00000000000a',
  incidentId: '00000000-0000-4000-8000-0000000000e1',
  event: { kind: 'incident' },
  pupilId: '00000000-0000-4000-8000-0000000000d1',
  pupilDisplayName: 'Hannah Greenwood',
  categoryIds: ['bullying', 'online'],
  categoryNames: ['Bullying', 'Online safety'],
  alertedBy: { personId: '00000000-0000-4000-8000-0000000000a1', name: 'Tom Reed' },
  createdAt: '2026-03-02T10:00:00.000Z',
  recipients: [],
};
const dana = {
  personId: '00000000-0000-4000-8000-0000000000a2',
  name: 'Dana Shah',
  email: 'dana@example.org',
};

it('names who alerted and the categories, and links to that pupil’s copy', () => {
  const mail = alertMail(outbox, dana, 'https://lantern.example.org/');
  expect(mail.to).toBe('dana@example.org');
  expect(mail.subject).toBe('Tom Reed alerted you to an incident (Bullying, Online safety)');
  expect(mail.text).toContain(
    `https://lantern.example.org/incidents/${outbox.incidentId}?pupilId=${outbox.pupilId}`,
  );
  expect(mail.text).not.toContain('Hannah');
  expect(mail.text).not.toContain('Greenwood');
});

it('says when the alert is for an action, and tells an assignee it stays until closed', () => {
  const action = alertMail(
    { ...outbox, event: { kind: 'action', actionId: '00000000-0000-4000-8000-0000000000f1' } },
    dana,
    'https://lantern.example.org',
  );
  expect(action.subject).toBe('Tom Reed alerted you to an action on an incident (Bullying, Online safety)');
  const assigned = assignmentMail(outbox, dana, 'https://lantern.example.org');
  expect(assigned.subject).toBe('Tom Reed assigned an incident to you (Bullying, Online safety)');
  expect(assigned.text).toContain('until it is closed');
});

it('escapes ids in the link', () => {
  expect(incidentLink('http://localhost:3000', 'a b', 'c&d')).toBe(
    'http://localhost:3000/incidents/a%20b?pupilId=c%26d',
  );
});
