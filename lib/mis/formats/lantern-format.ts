/**
 * Lantern's own JSON (`lantern-mis-extract/1`, schema in lib/mis/mis-extract.ts): the structural
 * check only. A file that fails here is not an extract at all and is rejected whole; one that passes
 * has its rows validated one by one, so a bad pupil skips that pupil and nothing else.
 */
import { z } from 'zod';
import { ExtractStructureError, LANTERN_EXTRACT_FORMAT } from '../mis-extract';
import { isRecord, type LooseExtract } from './loose-extract';

const GeneratedAt = z.iso.datetime({ offset: true });

/** Checks the top-level shape and returns the rows, unvalidated. */
export function readLanternExtract(json: unknown): LooseExtract {
  if (!isRecord(json)) throw new ExtractStructureError('body', 'must be a JSON object');
  if (json['format'] !== LANTERN_EXTRACT_FORMAT)
    throw new ExtractStructureError('body.format', `must be "${LANTERN_EXTRACT_FORMAT}"`);
  if (!GeneratedAt.safeParse(json['generatedAt']).success)
    throw new ExtractStructureError(
      'body.generatedAt',
      'must be a date and time with its offset, e.g. 2025-01-31T02:00:00Z',
    );
  const complete = json['complete'];
  if (complete !== undefined && typeof complete !== 'boolean')
    throw new ExtractStructureError('body.complete', 'must be true or false');
  const known = new Set(['format', 'generatedAt', 'complete', 'groups', 'pupils', 'staff']);
  for (const key of Object.keys(json))
    if (!known.has(key)) throw new ExtractStructureError(`body.${key}`, 'is not a field of an extract');
  return {
    generatedAt: json['generatedAt'] as string,
    complete: complete ?? true,
    pupils: rowsOf(json, 'pupils', true),
    groups: rowsOf(json, 'groups', false),
    staff: rowsOf(json, 'staff', false),
  };
}

function rowsOf(json: Record<string, unknown>, section: string, required: boolean): unknown[] {
  const rows = json[section];
  if (rows === undefined && !required) return [];
  if (!Array.isArray(rows)) throw new ExtractStructureError(`body.${section}`, 'must be an array of objects');
  const bad = rows.findIndex((row) => !isRecord(row));
  if (bad !== -1)
    throw new ExtractStructureError(`body.${section}[${bad}]`, 'must be an object (every row is an object)');
  return rows;
}
