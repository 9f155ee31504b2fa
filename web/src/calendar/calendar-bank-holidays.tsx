/** The coming bank holidays for the nation chosen on the form (the API lists each nation's next ten). */
import { NATION_LABELS, type BankHoliday, type Nation } from './calendar-api';

// A calendar date is the same day everywhere: format it at UTC midnight so no time zone shifts it.
const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export function formatCalendarDate(date: string): string {
  return longDate.format(new Date(`${date}T00:00:00Z`));
}

export function BankHolidayList({ nation, holidays }: { nation: Nation; holidays: readonly BankHoliday[] }) {
  return (
    <section className="calendar__holidays" aria-labelledby="calendar-holidays-title">
      <h2 id="calendar-holidays-title" className="section-title">
        Next bank holidays in {NATION_LABELS[nation]}
      </h2>
      <p className="calendar__note">
        They never count as school days. Add one-off bank holidays (such as a royal occasion) as closures.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Bank holiday</th>
          </tr>
        </thead>
        <tbody>
          {holidays.map((holiday) => (
            <tr key={holiday.date}>
              <td>{formatCalendarDate(holiday.date)}</td>
              <td>{holiday.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
