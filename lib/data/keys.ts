/**
 * The one keys module: every item type in the single table, its keys, and the access patterns
 * they serve. Repositories build keys only through these functions.
 *
 * Tenant isolation: every key that holds school data starts with `SCHOOL#<schoolId>`, and the
 * school id comes from the authenticated principal, never from a request body.
 *
 * | item type      | PK                        | SK                  | GSI1PK        | GSI1SK                      |
 * |----------------|---------------------------|---------------------|---------------|-----------------------------|
 * | School         | SCHOOL#<schoolId>         | PROFILE             | SCHOOLS       | NAME#<normalised name>#<id> |
 * | SchoolUrnGuard | URN#<urn>                 | URN                 |               |                             |
 * | OperatorToken  | OPERATOR_TOKEN#<sha256>   | OPERATOR_TOKEN      | OPERATORS     | TOKEN#<createdAt>#<tokenId> |
 * | Transfer       | TRANSFER#<transferId>     | TRANSFER            |               |                             |
 * | Person         | PERSON#<personId>         | PROFILE             |               |                             |
 * | EmailGuard     | EMAIL#<encoded email>     | EMAIL               |               |                             |
 * | Membership     | SCHOOL#<schoolId>         | USER#<personId>     | PERSON#<personId>#SCHOOLS | SCHOOL#<schoolId> |
 * | Session        | SESSION#<sha256 of id>    | SESSION             | PERSON#<personId>#SESSIONS | <createdAt>#<sha256> |
 * | SecurityEvent  | PERSON#<personId>         | SECURITY#<at>#<eventId> |           |                             |
 * | SignInThrottle | THROTTLE#SOURCE#<address> | WINDOW#<windowStart> |              |                             |
 * | PasswordLink   | PASSWORD_LINK#<sha256>    | PASSWORD_LINK       |               |                             |
 *
 * Access patterns
 * - Get a school by id: GetItem PK=SCHOOL#<id>, SK=PROFILE.
 * - List schools (operator), by name: Query GSI1 GSI1PK=SCHOOLS (paged).
 * - Refuse a second school with the same URN: SchoolUrnGuard written in the same transaction
 *   as the School, conditional on not existing.
 * - Authenticate an operator: GetItem on the SHA-256 of the presented token (the token itself
 *   is never stored). List operator tokens: Query GSI1 GSI1PK=OPERATORS.
 * - Transfer workflow state (foundation slice; grows with the transfers issue): GetItem by id.
 * - Sign in: GetItem EmailGuard (email → person), GetItem Person, Query GSI1 PERSON#<id>#SCHOOLS for
 *   the person's schools (one identity, several schools).
 * - Authenticate a request: BatchGet Session (by the hash of the cookie's id) + its Membership.
 * - Sign out everywhere, or deactivation: Query GSI1 PERSON#<id>#SESSIONS, then delete each.
 * - A school's users: Query PK=SCHOOL#<id>, SK begins_with USER#.
 * - A person's security log, newest first: Query PK=PERSON#<id>, SK begins_with SECURITY#, descending.
 * - Failed sign-ins per source address: one counter item per 15-minute window, removed by TTL.
 * - Use a password link: GetItem by the SHA-256 of the emailed token, then a transaction that marks
 *   it used (only if unused) and sets the password, so a link works once.
 *
 * Indexes: GSI1 serves operator lists across schools; GSI2 and GSI3 are generic and will be
 * claimed by later item types (see lib/data/table-definition.ts).
 */

const SEPARATOR = '#';

/** Refuses values that would let one key part bleed into the next. */
function part(value: string, name: string): string {
  if (value.length === 0 || value.includes(SEPARATOR)) {
    throw new Error(`Invalid key part ${name}: must be non-empty and must not contain '${SEPARATOR}'`);
  }
  return value;
}

export interface TableKey {
  readonly PK: string;
  readonly SK: string;
}

export const schoolKeys = {
  profile: (schoolId: string): TableKey => ({ PK: `SCHOOL#${part(schoolId, 'schoolId')}`, SK: 'PROFILE' }),
  listPartition: 'SCHOOLS',
  listSortKey: (normalisedName: string, schoolId: string): string =>
    `NAME#${part(normalisedName, 'name')}#${part(schoolId, 'schoolId')}`,
  urnGuard: (urn: string): TableKey => ({ PK: `URN#${part(urn, 'urn')}`, SK: 'URN' }),
};

export const operatorTokenKeys = {
  token: (tokenHash: string): TableKey => ({
    PK: `OPERATOR_TOKEN#${part(tokenHash, 'tokenHash')}`,
    SK: 'OPERATOR_TOKEN',
  }),
  listPartition: 'OPERATORS',
  listSortKey: (createdAt: string, tokenId: string): string =>
    `TOKEN#${part(createdAt, 'createdAt')}#${part(tokenId, 'tokenId')}`,
};

export const transferKeys = {
  transfer: (transferId: string): TableKey => ({
    PK: `TRANSFER#${part(transferId, 'transferId')}`,
    SK: 'TRANSFER',
  }),
};

/** Emails may contain '#'; percent-encoding keeps the key readable and unambiguous. */
function emailPart(normalisedEmail: string): string {
  return part(encodeURIComponent(normalisedEmail), 'email');
}

export const personKeys = {
  profile: (personId: string): TableKey => ({ PK: `PERSON#${part(personId, 'personId')}`, SK: 'PROFILE' }),
  emailGuard: (normalisedEmail: string): TableKey => ({
    PK: `EMAIL#${emailPart(normalisedEmail)}`,
    SK: 'EMAIL',
  }),
  securityEventPrefix: 'SECURITY#',
  securityEvent: (personId: string, at: string, eventId: string): TableKey => ({
    PK: `PERSON#${part(personId, 'personId')}`,
    SK: `SECURITY#${part(at, 'at')}#${part(eventId, 'eventId')}`,
  }),
};

export const membershipKeys = {
  member: (schoolId: string, personId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `USER#${part(personId, 'personId')}`,
  }),
  schoolUsersPrefix: 'USER#',
  personSchoolsPartition: (personId: string): string => `PERSON#${part(personId, 'personId')}#SCHOOLS`,
  personSchoolsSortKey: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}`,
};

export const sessionKeys = {
  session: (sessionHash: string): TableKey => ({
    PK: `SESSION#${part(sessionHash, 'sessionHash')}`,
    SK: 'SESSION',
  }),
  personSessionsPartition: (personId: string): string => `PERSON#${part(personId, 'personId')}#SESSIONS`,
  personSessionsSortKey: (createdAt: string, sessionHash: string): string =>
    `${part(createdAt, 'createdAt')}#${part(sessionHash, 'sessionHash')}`,
};

export const throttleKeys = {
  sourceWindow: (sourceAddress: string, windowStart: string): TableKey => ({
    PK: `THROTTLE#SOURCE#${part(sourceAddress, 'sourceAddress')}`,
    SK: `WINDOW#${part(windowStart, 'windowStart')}`,
  }),
};

export const passwordLinkKeys = {
  link: (tokenHash: string): TableKey => ({
    PK: `PASSWORD_LINK#${part(tokenHash, 'tokenHash')}`,
    SK: 'PASSWORD_LINK',
  }),
};
