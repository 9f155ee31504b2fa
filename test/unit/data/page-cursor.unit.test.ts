import { decodeCursor, encodeCursor } from '../../../lib/data/page-cursor';
import { HttpProblem } from '../../../lib/platform/http/problem';

const key = { GSI1PK: 'SCHOOLS', GSI1SK: 'NAME#a#1', PK: 'SCHOOL#1', SK: 'PROFILE' };

it('round-trips a LastEvaluatedKey', () => {
  expect(decodeCursor(encodeCursor(key), { GSI1PK: 'SCHOOLS' })).toEqual(key);
  expect(encodeCursor(undefined)).toBeUndefined();
});

it('refuses a cursor that points into another partition', () => {
  const forged = encodeCursor({ ...key, GSI1PK: 'OPERATORS' });
  expect(() => decodeCursor(forged, { GSI1PK: 'SCHOOLS' })).toThrow(HttpProblem);
});

it('refuses garbage with a 400 naming query.cursor', () => {
  try {
    decodeCursor('%%%not-base64', { GSI1PK: 'SCHOOLS' });
    throw new Error('expected a problem');
  } catch (error) {
    expect(error).toBeInstanceOf(HttpProblem);
    expect((error as HttpProblem).status).toBe(400);
    expect((error as HttpProblem).errors?.[0]?.field).toBe('query.cursor');
  }
});
