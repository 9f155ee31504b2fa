import {
  accessKeys,
  auditKeys,
  membershipKeys,
  operatorTokenKeys,
  schoolKeys,
  transferKeys,
} from '../../../lib/data/keys';

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

describe('audit partitions', () => {
  // IAM StringLike: '*' matches any run of characters, '?' one character.
  const iamPattern = new RegExp(
    `^${auditKeys.partitionPattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

  it('all match the pattern the deployment denies updates and deletes on', () => {
    expect(auditKeys.pupilPartition('s-1', 'p-1')).toMatch(iamPattern);
    expect(auditKeys.schoolPartition('s-1')).toMatch(iamPattern);
  });

  it('leave every other school partition outside that pattern', () => {
    expect(schoolKeys.profile('s-1').PK).not.toMatch(iamPattern);
    expect(membershipKeys.member('s-1', 'p-1').PK).not.toMatch(iamPattern);
    expect(accessKeys.userGroup('s-1', 'g-1').PK).not.toMatch(iamPattern);
  });

  it('keep group names case-blind and free of the separator', () => {
    expect(accessKeys.userGroupName('s-1', ' Teachers ')).toEqual(
      accessKeys.userGroupName('s-1', 'teachers'),
    );
    expect(accessKeys.userGroupName('s-1', 'A#B').SK).toBe('USER_GROUP_NAME#a%23b');
  });
});
