/** Names the fields that differ between two versions of a record: the "what" of an audit entry, never the values. */
import { isDeepStrictEqual } from 'node:util';

export function changedFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): string[] {
  return fields.filter((field) => !isDeepStrictEqual(before[field], after[field]));
}
