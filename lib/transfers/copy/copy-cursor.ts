/**
 * Where a copy stopped, as a short opaque string that travels through the Step Functions state (well under
 * 1 KB: a phase and at most one sort key of the previous school's pupil partition).
 */
import { z } from 'zod';

const CursorSchema = z.discriminatedUnion('phase', [
  /** Copying records: carry on after this sort key of the previous school's partition (absent = from the start). */
  z.object({ phase: z.literal('records'), after: z.string().max(600).optional() }).strict(),
  /** Every record is written: produce and check the manifest. */
  z.object({ phase: z.literal('manifest') }).strict(),
]);

export type CopyCursor = z.output<typeof CursorSchema>;

const PREFIX = 'tc1.';

export function encodeCopyCursor(cursor: CopyCursor): string {
  return `${PREFIX}${Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url')}`;
}

/** Undefined means "from the start" (plan first). A cursor not made by encodeCopyCursor is refused. */
export function decodeCopyCursor(cursor: string | undefined): CopyCursor | undefined {
  if (cursor === undefined) return undefined;
  if (!cursor.startsWith(PREFIX)) throw new Error('Not a transfer copy cursor');
  const json: unknown = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  return CursorSchema.parse(json);
}
