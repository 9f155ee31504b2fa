import { operatorTokenKeys, schoolKeys, transferKeys } from '../../../lib/data/keys';

it('builds readable keys with the school id first for school data', () => {
  expect(schoolKeys.profile('s-1')).toEqual({ PK: 'SCHOOL#s-1', SK: 'PROFILE' });
  expect(schoolKeys.listSortKey('oakfield primary', 's-1')).toBe('NAME#oakfield primary#s-1');
  expect(operatorTokenKeys.token('abc')).toEqual({ PK: 'OPERATOR_TOKEN#abc', SK: 'OPERATOR_TOKEN' });
  expect(transferKeys.transfer('t-1')).toEqual({ PK: 'TRANSFER#t-1', SK: 'TRANSFER' });
});

it('refuses key parts that could reach into another key space', () => {
  expect(() => schoolKeys.profile('s-1#PUPIL')).toThrow(/must not contain '#'/);
  expect(() => schoolKeys.profile('')).toThrow(/non-empty/);
  expect(() => schoolKeys.urnGuard('1#2')).toThrow();
});
