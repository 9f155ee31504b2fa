/** Admin > Calendar: read the school's calendar with the coming bank holidays, and replace it. */
import { AdminConflictError } from '../admin/admin-errors';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { StaleItemError } from '../data/school-collection';
import { upcomingBankHolidays, type BankHoliday, type BankHolidayNation } from './bank-holidays';
import type { CalendarRepository } from './calendar-repository';
import { sortedCalendarLists, type SchoolCalendar, type SchoolCalendarUpdate } from './school-calendar';

/** How many coming bank holidays the page lists for each nation. */
export const UPCOMING_BANK_HOLIDAYS = 10;

export interface SchoolCalendarView {
  readonly calendar: SchoolCalendar;
  /** Every nation's, so the page can show them for whichever nation the admin picks before saving. */
  readonly upcomingBankHolidays: Record<BankHolidayNation, BankHoliday[]>;
}

export class CalendarService {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(schoolId: string): Promise<SchoolCalendarView> {
    return this.view(await this.calendars.get(schoolId));
  }

  /** Replaces the calendar if it is still at `version` (409 naming body.version otherwise). */
  async update(actor: AuditActor, input: SchoolCalendarUpdate): Promise<SchoolCalendarView> {
    const { version, ...lists } = input;
    const next: SchoolCalendar = {
      ...sortedCalendarLists(lists),
      version: version + 1,
      updatedAt: this.now().toISOString(),
      updatedBy: { personId: actor.personId, name: actor.actorName },
    };
    try {
      await this.calendars.save(actor.schoolId, next);
    } catch (error) {
      if (error instanceof StaleItemError) {
        throw new AdminConflictError(
          'Someone else changed the calendar since you opened it. Reload and try again.',
          'body.version',
        );
      }
      throw error;
    }
    await this.audit.record(actor, {
      action: 'calendar.update',
      resourceType: 'calendar',
      resourceId: actor.schoolId,
      detail: `terms: ${next.terms.length}, closures: ${next.closures.length}, bank holidays: ${next.bankHolidays}`,
    });
    return this.view(next);
  }

  private view(calendar: SchoolCalendar): SchoolCalendarView {
    // From today's UTC date: in the UK that is the local date but for an hour after midnight in summer,
    // which only matters for a list shown for reference.
    const today = this.now().toISOString().slice(0, 10);
    const upcoming = (nation: BankHolidayNation) =>
      upcomingBankHolidays(today, nation, UPCOMING_BANK_HOLIDAYS);
    return {
      calendar,
      upcomingBankHolidays: {
        'england-and-wales': upcoming('england-and-wales'),
        scotland: upcoming('scotland'),
        'northern-ireland': upcoming('northern-ireland'),
      },
    };
  }
}
