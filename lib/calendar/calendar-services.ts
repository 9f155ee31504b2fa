/** Wires the calendar service from the API context. */
import type { ApiContext } from '../platform/api-context';
import { CalendarRepository } from './calendar-repository';
import { CalendarService } from './calendar-service';

export function calendarService(context: ApiContext): CalendarService {
  const { clients, environment, access } = context;
  return new CalendarService(new CalendarRepository(clients.dynamo, environment.TABLE_NAME), access.audit);
}
