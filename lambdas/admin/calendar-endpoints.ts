/** Admin > Calendar (lib/calendar/calendar-api.ts), bound for the admin area. */
import { adminProblems } from '../../lib/admin/admin-problems';
import { auditActorOf } from '../../lib/audit/audit-actor';
import { getSchoolCalendar, updateSchoolCalendar } from '../../lib/calendar/calendar-api';
import type { CalendarService } from '../../lib/calendar/calendar-service';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type BoundEndpoint } from '../../lib/platform/http/endpoint';

export function calendarEndpoints(service: CalendarService): BoundEndpoint[] {
  return adminProblems([
    implement(getSchoolCalendar, async (request) => ({
      body: await service.get(staffPrincipal(request.principal).schoolId),
    })),
    implement(updateSchoolCalendar, async (request) => ({
      body: await service.update(auditActorOf(staffPrincipal(request.principal), request), request.body),
    })),
  ]);
}
