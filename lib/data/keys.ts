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
 *
 * Access patterns
 * - Get a school by id: GetItem PK=SCHOOL#<id>, SK=PROFILE.
 * - List schools (operator), by name: Query GSI1 GSI1PK=SCHOOLS (paged).
 * - Refuse a second school with the same URN: SchoolUrnGuard written in the same transaction
 *   as the School, conditional on not existing.
 * - Authenticate an operator: GetItem on the SHA-256 of the presented token (the token itself
 *   is never stored). List operator tokens: Query GSI1 GSI1PK=OPERATORS.
 * - Transfer workflow state (foundation slice; grows with the transfers issue): GetItem by id.
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
