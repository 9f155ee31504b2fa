// Pages a sorted list by offset. The offset travels as a base64url token because AWS's pagination
// tokens are opaque, and clients must not come to depend on reading them.
import type { AwsError } from './aws-errors';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** `invalidToken` builds the service's own error for a token it did not issue. */
export function pageByOffset<T>(
  items: T[],
  pageSize: number,
  nextToken: string | undefined,
  invalidToken: () => AwsError,
): Page<T> {
  const start = nextToken === undefined ? 0 : Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw invalidToken();
  const end = start + pageSize;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}
