/** Offset pagination with opaque tokens, shared by the Scheduler and Step Functions list operations. */
import { AwsError } from '../../../local/standins/http/aws-errors';
import { pageByOffset } from '../../../local/standins/http/offset-pagination';

const items = ['a', 'b', 'c', 'd', 'e'];
const invalid = () => new AwsError('InvalidToken', 'Invalid pagination token');

it('walks a list page by page, ending without a token', () => {
  const first = pageByOffset(items, 2, undefined, invalid);
  expect(first.items).toEqual(['a', 'b']);
  expect(first.nextToken).not.toMatch(/^\d+$/);
  const second = pageByOffset(items, 2, first.nextToken, invalid);
  expect(second.items).toEqual(['c', 'd']);
  const last = pageByOffset(items, 2, second.nextToken, invalid);
  expect(last).toEqual({ items: ['e'], nextToken: undefined });
});

it('gives no token when everything fits on one page', () => {
  expect(pageByOffset(items, 5, undefined, invalid)).toEqual({ items, nextToken: undefined });
});

it('refuses a token it did not issue with the caller’s error', () => {
  expect(() => pageByOffset(items, 2, 'not-a-token', invalid)).toThrow('Invalid pagination token');
  const negative = Buffer.from('-1').toString('base64url');
  expect(() => pageByOffset(items, 2, negative, invalid)).toThrow(AwsError);
});
