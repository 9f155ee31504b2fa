/** Route precedence: a literal segment wins over a `{param}` in the same place, in either listed order. */
import { z } from 'zod';
import { defineEndpoint, implement } from '../../../lib/platform/http/endpoint';
import { createRouter } from '../../../lib/platform/http/router';

function endpoint(operationId: string, method: 'GET' | 'PUT', path: string) {
  return implement(
    defineEndpoint({
      operationId,
      method,
      path,
      summary: operationId,
      tags: ['Test'],
      access: { kind: 'public' },
      successStatus: 200,
      response: z.object({}),
    }),
    () => Promise.resolve({ body: {} }),
  );
}

const byId = endpoint('getThing', 'GET', '/api/things/{thingId}');
const schedule = endpoint('getSchedule', 'GET', '/api/things/schedule');
const setSchedule = endpoint('setSchedule', 'PUT', '/api/things/schedule');

describe('the router', () => {
  it.each([
    ['param first', [byId, schedule, setSchedule]],
    ['literal first', [schedule, setSchedule, byId]],
  ])('sends GET /schedule to the literal route and other ids to the param route (%s)', (_order, list) => {
    const route = createRouter(list);
    expect(route('GET', '/api/things/schedule').endpoint.contract.operationId).toBe('getSchedule');
    expect(route('PUT', '/api/things/schedule/').endpoint.contract.operationId).toBe('setSchedule');
    const other = route('GET', '/api/things/42');
    expect(other.endpoint.contract.operationId).toBe('getThing');
    expect(other.pathParams).toEqual({ thingId: '42' });
  });

  it('still answers 405 naming the methods a known path allows', () => {
    const route = createRouter([byId, schedule, setSchedule]);
    expect(() => route('DELETE', '/api/things/schedule')).toThrow(
      expect.objectContaining({ status: 405 }) as Error,
    );
  });
});
