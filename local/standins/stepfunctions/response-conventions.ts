// Conventions shared by Step Functions responses: list paging (maxResults 0 or absent means 100, a
// token it did not issue is InvalidToken) and timestamps in epoch seconds.
import { AwsError } from '../http/aws-errors';
import { pageByOffset, type Page } from '../http/offset-pagination';

export function sfnPage<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): Page<T> {
  const size = maxResults === undefined || maxResults === 0 ? 100 : maxResults;
  return pageByOffset(items, size, nextToken, () => new AwsError('InvalidToken', 'Invalid pagination token'));
}

export function seconds(date: Date): number {
  return date.getTime() / 1000;
}
