/**
 * Synthetic demo data for `npm start` and the e2e tests: two schools in the local region and an
 * operator token. Idempotent: a restart with persisted data finds the seed already there.
 * Every name and number here is invented (URNs in the unused 99xxxx range).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { OperatorTokenRepository } from '../lib/operators/operator-token-repository';
import { hashOperatorToken } from '../lib/operators/operator-token-service';
import { DuplicateUrnError, SchoolRepository } from '../lib/schools/school-repository';
import { SchoolService } from '../lib/schools/school-service';
import type { CreateSchoolInput } from '../lib/schools/school';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** Local only: a fixed token so the README's curl examples work after every restart. */
export const DEMO_OPERATOR_TOKEN = 'lantern_op_local-demo-token-not-for-production';
const DEMO_OPERATOR_TOKEN_ID = '00000000-0000-4000-8000-000000000001';

export const DEMO_SCHOOLS: readonly CreateSchoolInput[] = [
  {
    urn: '990001',
    laNumber: '999',
    establishmentNumber: '2001',
    name: 'Oakfield Primary School (demo)',
    timeZone: 'Europe/London',
  },
  {
    urn: '990002',
    laNumber: '999',
    establishmentNumber: '4002',
    name: 'Riverside Academy (demo)',
    timeZone: 'Europe/London',
  },
];

export interface SeedSummary {
  readonly schoolsCreated: number;
  readonly operatorToken: string;
}

export async function seedDemoData(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  region: string,
): Promise<SeedSummary> {
  const schools = new SchoolService(new SchoolRepository(dynamo, tableName), region);
  let schoolsCreated = 0;
  for (const school of DEMO_SCHOOLS) {
    try {
      await schools.create(school);
      schoolsCreated += 1;
    } catch (error) {
      if (!(error instanceof DuplicateUrnError)) throw error;
    }
  }
  try {
    await new OperatorTokenRepository(dynamo, tableName).create(hashOperatorToken(DEMO_OPERATOR_TOKEN), {
      tokenId: DEMO_OPERATOR_TOKEN_ID,
      label: 'Local demo operator',
      createdAt: new Date().toISOString(),
    });
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return { schoolsCreated, operatorToken: DEMO_OPERATOR_TOKEN };
}
