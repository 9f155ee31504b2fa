/**
 * The web app's dashboard reader against the server's zod contract (lib/dashboard/dashboard-api.ts),
 * which the web tsconfig cannot import: every answer the contract allows is read without loss, and the
 * sections a session without a key does not get stay absent. Also the "time ago" wording.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { getDashboard } from '../../../lib/dashboard/dashboard-api';
import { parseDashboard } from '../../../web/src/api/dashboard';
import { timeAgo } from '../../../web/src/dashboard/time-ago';

type Answer = z.input<typeof getDashboard.response>;

const pupilId = randomUUID();
const incidentId = randomUUID();
const tom = { personId: randomUUID(), name: 'Tom Reed' };
const bullying = { categoryId: randomUUID(), name: 'Bullying' };

const keyHolderAnswer: Answer = {
  alerts: [
    {
      subject: { kind: 'incident', incidentId },
      pupilId,
      pupilDisplayName: 'Amira Khan',
      categories: [bullying],
      alertedBy: tom,
      alertedAt: '2026-11-22T10:00:00.000Z',
      link: `/incidents/${incidentId}?pupilId=${pupilId}`,
    },
    {
      subject: { kind: 'document', documentId: 'doc-1' },
      pupilId,
      pupilDisplayName: 'Amira Khan',
      categories: [],
      alertedBy: tom,
      alertedAt: '2026-11-22T09:00:00.000Z',
      link: `/pupils/${pupilId}/vault`,
    },
  ],
  myHistory: [
    {
      what: 'action',
      incidentId,
      actionId: randomUUID(),
      number: 7,
      pupilId,
      pupilDisplayName: 'Amira Khan',
      categories: [bullying],
      recordedAt: '2026-11-21T10:00:00.000Z',
      link: `/incidents/${incidentId}?pupilId=${pupilId}`,
    },
  ],
  myAssigned: [
    {
      incidentId,
      number: 7,
      pupilId,
      pupilDisplayName: 'Amira Khan',
      categories: [bullying],
      assignedBy: tom,
      assignedAt: '2026-11-20T10:00:00.000Z',
      link: `/incidents/${incidentId}?pupilId=${pupilId}`,
    },
  ],
  recentlyViewed: [
    {
      pupilId,
      pupilDisplayName: 'Amira Khan',
      viewedAt: '2026-11-22T08:00:00.000Z',
      link: `/pupils/${pupilId}`,
    },
  ],
};

describe('parseDashboard', () => {
  it('reads every section of a key holder’s dashboard the contract allows', () => {
    const body = JSON.parse(JSON.stringify(getDashboard.response.parse(keyHolderAnswer))) as unknown;
    const dashboard = parseDashboard(body);
    expect(dashboard?.alerts.map((alert) => [alert.kind, alert.subjectId, alert.link])).toEqual([
      ['incident', incidentId, `/incidents/${incidentId}?pupilId=${pupilId}`],
      ['document', 'doc-1', `/pupils/${pupilId}/vault`],
    ]);
    expect(dashboard?.alerts[0]).toMatchObject({ alertedBy: tom, categories: [bullying] });
    expect(dashboard?.myHistory[0]).toMatchObject({ what: 'action', number: 7 });
    expect(dashboard?.myAssigned?.[0]).toMatchObject({ incidentId, assignedBy: tom });
    expect(dashboard?.recentlyViewed?.[0]).toMatchObject({ pupilId, pupilDisplayName: 'Amira Khan' });
  });

  it('leaves out the sections a session without a key does not get', () => {
    const { myAssigned: _assigned, recentlyViewed: _viewed, ...restricted } = keyHolderAnswer;
    const dashboard = parseDashboard(JSON.parse(JSON.stringify(restricted)) as unknown);
    expect(dashboard).toBeDefined();
    expect(dashboard?.myAssigned).toBeUndefined();
    expect(dashboard?.recentlyViewed).toBeUndefined();
  });

  it('refuses a body whose links are not app paths', () => {
    const [first] = keyHolderAnswer.alerts;
    const tampered = { ...keyHolderAnswer, alerts: [{ ...first, link: 'https://elsewhere.example/' }] };
    expect(parseDashboard(tampered)).toBeUndefined();
  });
});

describe('timeAgo', () => {
  const now = new Date('2026-11-22T12:00:00.000Z');
  it.each([
    ['2026-11-22T11:59:30.000Z', 'just now'],
    ['2026-11-22T11:59:00.000Z', '1 minute ago'],
    ['2026-11-22T11:15:00.000Z', '45 minutes ago'],
    ['2026-11-22T09:00:00.000Z', '3 hours ago'],
    ['2026-11-20T12:00:00.000Z', '2 days ago'],
  ])('%s is %s', (at, words) => {
    expect(timeAgo(at, now)).toBe(words);
  });
});
