/**
 * The Admin > Calendar form's draft: rows of terms and closures as typed, the browser-side checks, and
 * how the API's field errors ("body.terms.2.startsOn") land on the row and box they name.
 */
import type { Problem } from '../api/problem';
import type { CalendarInput, Closure, Nation, Term } from './calendar-api';

export interface TermRow extends Term {
  /** Stable React key: rows are added and removed in the middle. */
  readonly rowId: number;
}

export interface ClosureRow extends Closure {
  readonly rowId: number;
}

export interface CalendarDraft {
  bankHolidays: Nation;
  terms: TermRow[];
  closures: ClosureRow[];
}

/** Errors by path within the body: "bankHolidays", "terms.0.name", "closures.3.endsOn". */
export type CalendarErrors = Readonly<Partial<Record<string, string>>>;

let nextRowId = 1;
export const newRowId = (): number => nextRowId++;

export function draftOf(calendar: CalendarInput): CalendarDraft {
  return {
    bankHolidays: calendar.bankHolidays,
    terms: calendar.terms.map((term) => ({ ...term, rowId: newRowId() })),
    closures: calendar.closures.map((closure) => ({ ...closure, rowId: newRowId() })),
  };
}

export function inputOf(draft: CalendarDraft): CalendarInput {
  return {
    bankHolidays: draft.bankHolidays,
    terms: draft.terms.map(({ name, startsOn, endsOn }) => ({ name: name.trim(), startsOn, endsOn })),
    closures: draft.closures.map(({ startsOn, endsOn, reason }) => ({
      startsOn,
      endsOn,
      reason: reason.trim(),
    })),
  };
}

/** The id of the input for a path, which the error summary links to. */
export function fieldId(path: string): string {
  return `calendar-${path.replace(/\./g, '-')}`;
}

const PART_LABELS: Readonly<Record<string, string>> = {
  name: 'name',
  startsOn: 'start date',
  endsOn: 'end date',
  reason: 'reason',
};

/** "terms.1.startsOn" → "Term 2 start date", for reasons that are not whole sentences. */
export function labelOf(path: string): string {
  const [list, index, part] = path.split('.');
  if (list === 'bankHolidays') return 'Bank holidays';
  const row = `${list === 'terms' ? 'Term' : 'Closure'} ${Number(index) + 1}`;
  return part ? `${row} ${PART_LABELS[part] ?? part}` : list === 'terms' ? 'Terms' : 'Closures';
}

function message(path: string, reason: string): string {
  return /^[a-z]/.test(reason) ? `${labelOf(path)} ${reason}` : reason;
}

/** The browser's own checks, so most mistakes show without a round trip. */
export function checkDraft(draft: CalendarDraft): CalendarErrors {
  const errors: Record<string, string> = {};
  const dates = (list: 'terms' | 'closures', index: number, row: { startsOn: string; endsOn: string }) => {
    if (row.startsOn === '')
      errors[`${list}.${index}.startsOn`] = message(`${list}.${index}.startsOn`, 'is needed');
    if (row.endsOn === '')
      errors[`${list}.${index}.endsOn`] = message(`${list}.${index}.endsOn`, 'is needed');
    else if (row.startsOn !== '' && row.endsOn < row.startsOn) {
      errors[`${list}.${index}.endsOn`] = message(
        `${list}.${index}.endsOn`,
        'must be on or after the start date',
      );
    }
  };
  draft.terms.forEach((term, index) => {
    if (term.name.trim() === '') errors[`terms.${index}.name`] = message(`terms.${index}.name`, 'is needed');
    dates('terms', index, term);
  });
  draft.closures.forEach((closure, index) => {
    dates('closures', index, closure);
    if (closure.reason.trim() === '') {
      errors[`closures.${index}.reason`] = message(`closures.${index}.reason`, 'is needed');
    }
  });
  return errors;
}

/**
 * Field errors when every error the API names is a field of this form (version conflicts aside, which
 * show as the problem with a reload); undefined when the problem should show as it is.
 */
export function errorsFromProblem(problem: Problem): CalendarErrors | undefined {
  const reported = problem.errors ?? [];
  if (
    reported.length === 0 ||
    reported.some(({ field }) => !/^body\.(bankHolidays|terms|closures)\b/.test(field))
  ) {
    return undefined;
  }
  const errors: Record<string, string> = {};
  for (const { field, reason } of reported) {
    const path = field.slice('body.'.length);
    errors[path] ??= message(path, reason);
  }
  return errors;
}
