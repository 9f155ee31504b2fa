/**
 * Opaque page cursors for Query results. A cursor is the LastEvaluatedKey, base64url-encoded;
 * on the way back in it is checked to be well-formed and to lie in the same partition as the
 * query it continues, so an edited cursor can never move a query into another school's data.
 */
import { z } from 'zod';
import { problems } from '../platform/http/problem';

const KeyMapSchema = z
  .record(z.string(), z.string().max(1024))
  .refine((map) => Object.keys(map).length <= 6, {
    message: 'too many key attributes',
  });

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | undefined {
  return lastEvaluatedKey
    ? Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url')
    : undefined;
}

/**
 * Decodes a cursor for a query whose partition attributes must equal `partition`
 * (e.g. `{ GSI1PK: 'SCHOOLS' }`). A bad cursor is the caller's input error (400).
 */
export function decodeCursor(
  cursor: string | undefined,
  partition: Readonly<Record<string, string>>,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = problems.validation([{ field: 'query.cursor', reason: 'not a cursor this list issued' }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const parsed = KeyMapSchema.safeParse(decoded);
  if (!parsed.success) throw invalid;
  for (const [attribute, value] of Object.entries(partition)) {
    if (parsed.data[attribute] !== value) throw invalid;
  }
  return parsed.data;
}

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(4096).optional(),
});
