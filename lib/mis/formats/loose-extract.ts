import type { RowProblem } from '../mis-extract';

/**
 * What every format reader hands to validation (lib/mis/extract-validation.ts): the extract's own
 * facts, already read, and its rows still unvalidated. Rows use the field names of the canonical
 * schemas in lib/mis/mis-extract.ts, so one validator serves Lantern JSON, Wonde JSON and CTF XML.
 */
export interface LooseExtract {
  /** ISO 8601 date-time with an offset. */
  readonly generatedAt: string;
  /** Whether pupils missing from the extract have left (see MisExtractSchema). */
  readonly complete: boolean;
  readonly groups: readonly unknown[];
  readonly pupils: readonly unknown[];
  readonly staff: readonly unknown[];
  /** Warnings the reader itself raised (e.g. CTF attendance marks it would not guess at). */
  readonly problems?: readonly RowProblem[];
}

export type LooseRecord = Record<string, unknown>;

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is LooseRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
