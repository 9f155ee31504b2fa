/**
 * Small conversions the Wonde and CTF readers share. They turn the spellings MIS exports use into
 * the canonical row's, and hand back anything they do not recognise unchanged, so that validation
 * (not the reader) reports it with the field's name.
 */
import { isRecord } from './loose-extract';

/** A trimmed non-empty string, or undefined for missing, null and blank values. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

const TRUE_WORDS = new Set(['true', 't', 'y', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'n', 'no', '0']);

/**
 * Booleans as MIS exports write them: true/false, "Y"/"N", "Yes"/"No", "T"/"F", 1/0. Missing or
 * blank is undefined; anything else is returned as it came, for validation to reject.
 */
export function flag(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined) return undefined;
  const word =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (word === undefined) return value;
  if (word === '') return undefined;
  const lower = word.toLowerCase();
  if (TRUE_WORDS.has(lower)) return true;
  if (FALSE_WORDS.has(lower)) return false;
  return value;
}

/**
 * A date as YYYY-MM-DD from "2010-05-01", "2010-05-01 00:00:00.000000", "2010-05-01T00:00:00Z" or
 * Wonde's `{ date: "…" }` object. Anything else is returned trimmed, for validation to reject.
 */
export function dateOnly(value: unknown): unknown {
  const raw = isRecord(value) ? value['date'] : value;
  const written = text(raw);
  if (written === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|[ T])/.exec(written);
  return match ? match[1] : written;
}

/** A whole number from a number or a numeric string; anything else unchanged. */
export function wholeNumber(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return value;
}

/** The NC year in the canonical spelling: "R" for Reception (0 or "Reception"), numbers as text. */
export function ncYearOf(value: unknown): string | undefined {
  const written = text(value);
  if (written === undefined) return undefined;
  const upper = written.toUpperCase();
  if (upper === '0' || upper === 'R' || upper === 'RECEPTION' || upper === 'YR') return 'R';
  const year = /^(?:YEAR\s*|Y)?(\d{1,2})$/.exec(upper);
  if (year) return String(Number(year[1]));
  return upper;
}

/** Object fields dropped when undefined, so absent values stay absent in the row. */
export function defined<T extends Record<string, unknown>>(row: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (value !== undefined) out[key] = value;
  return out as Partial<T>;
}

/** "Year 7", or "Reception" for R: the name of a year group made from an NC year. */
export function yearGroupName(ncYear: string): string {
  return ncYear === 'R' ? 'Reception' : `Year ${ncYear}`;
}
