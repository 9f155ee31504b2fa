// Reset links expire at the next local midnight, including on the 23- and 25-hour days DST makes.
import { endOfSchoolDay } from '../../../lib/identity/reset-link-expiry';

const LONDON = 'Europe/London';
const HOUR = 3_600_000;

function expiry(issuedIso: string, timeZone = LONDON): string {
  return endOfSchoolDay(new Date(issuedIso), timeZone).toISOString();
}

describe('endOfSchoolDay in Europe/London', () => {
  it('expires a link issued at 10:00 BST at midnight BST (23:00 UTC) the same night', () => {
    expect(expiry('2026-06-15T10:00:00+01:00')).toBe('2026-06-15T23:00:00.000Z');
  });

  it('expires a link issued at 23:59:59 local one second later', () => {
    const issued = new Date('2026-06-15T23:59:59+01:00');
    const expires = endOfSchoolDay(issued, LONDON);
    expect(expires.getTime() - issued.getTime()).toBe(1000);
  });

  it('gives a link issued at exactly 00:00:00 local the whole day (24 h on an ordinary day)', () => {
    const issued = new Date('2026-06-15T00:00:00+01:00');
    const expires = endOfSchoolDay(issued, LONDON);
    expect(expires.toISOString()).toBe('2026-06-15T23:00:00.000Z');
    expect(expires.getTime() - issued.getTime()).toBe(24 * HOUR);
  });

  it('handles the spring-forward day (29 March 2026, 23 h long)', () => {
    // Midnight GMT starts the day; the next midnight is in BST, 23 hours later.
    const startOfDay = new Date('2026-03-29T00:00:00Z');
    const expires = endOfSchoolDay(startOfDay, LONDON);
    expect(expires.toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(expires.getTime() - startOfDay.getTime()).toBe(23 * HOUR);
    // Either side of the 01:00 GMT → 02:00 BST jump, the same day ends at the same instant.
    expect(expiry('2026-03-29T00:59:59Z')).toBe('2026-03-29T23:00:00.000Z');
    expect(expiry('2026-03-29T01:00:00Z')).toBe('2026-03-29T23:00:00.000Z');
    // The day before is an ordinary GMT day ending at midnight GMT.
    expect(expiry('2026-03-28T12:00:00Z')).toBe('2026-03-29T00:00:00.000Z');
  });

  it('handles the fall-back day (25 October 2026, 25 h long)', () => {
    // Midnight BST (23:00 UTC the evening before) starts the day; the next midnight is in GMT.
    const startOfDay = new Date('2026-10-24T23:00:00Z');
    const expires = endOfSchoolDay(startOfDay, LONDON);
    expect(expires.toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect(expires.getTime() - startOfDay.getTime()).toBe(25 * HOUR);
    // 01:30 happens twice that morning (BST, then GMT); both belong to the same day.
    expect(expiry('2026-10-25T00:30:00Z')).toBe('2026-10-26T00:00:00.000Z');
    expect(expiry('2026-10-25T01:30:00Z')).toBe('2026-10-26T00:00:00.000Z');
    expect(expiry('2026-10-24T22:59:59Z')).toBe('2026-10-24T23:00:00.000Z');
  });

  it('rolls over the end of a month and of a year', () => {
    expect(expiry('2026-12-31T18:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(expiry('2026-04-30T18:00:00+01:00')).toBe('2026-04-30T23:00:00.000Z');
  });
});

describe('endOfSchoolDay in other zones', () => {
  it('works in America/New_York, including its own spring-forward day', () => {
    expect(expiry('2026-07-04T15:00:00-04:00', 'America/New_York')).toBe('2026-07-05T04:00:00.000Z');
    // 8 March 2026: 02:00 EST → 03:00 EDT, so the day ends at midnight EDT (04:00 UTC).
    expect(expiry('2026-03-08T00:30:00-05:00', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
  });

  it('works east of Greenwich, including half-hour offsets', () => {
    expect(expiry('2026-06-15T10:00:00+12:00', 'Pacific/Auckland')).toBe('2026-06-15T12:00:00.000Z');
    expect(expiry('2026-06-15T10:00:00+05:30', 'Asia/Kolkata')).toBe('2026-06-15T18:30:00.000Z');
  });

  it('ends the day at the first instant of the next date where the clocks skip midnight', () => {
    // Chile starts DST at 24:00 → 01:00: 6 September 2026 has no 00:00 and begins at 01:00 -03.
    expect(expiry('2026-09-05T12:00:00-04:00', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
  });

  it('rejects an unknown time zone or an invalid date', () => {
    expect(() => endOfSchoolDay(new Date('2026-06-15T10:00:00Z'), 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => endOfSchoolDay(new Date('2026-06-15T10:00:00Z'), '')).toThrow(RangeError);
    expect(() => endOfSchoolDay(new Date('not a date'), LONDON)).toThrow(RangeError);
  });
});
