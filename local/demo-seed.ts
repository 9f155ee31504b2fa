/**
 * Synthetic demo data for `npm start` and the e2e tests: two schools in the local region, their
 * staff (one working at both, as trust staff do) and an operator token. Idempotent: a restart with persisted data finds the seed already there.
 * Every name and number here is invented (URNs in the unused 99xxxx range).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { OperatorTokenRepository } from '../lib/operators/operator-token-repository';
import { hashOperatorToken } from '../lib/operators/operator-token-service';
import { DuplicateUrnError, SchoolRepository } from '../lib/schools/school-repository';
import { SchoolService } from '../lib/schools/school-service';
import type { CreateSchoolInput } from '../lib/schools/school';
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { createIdentityServices } from '../lib/identity/identity-services';
import { hashPassword } from '../lib/identity/password-hashing';
import { DuplicateEmailError } from '../lib/identity/person-repository';

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

export interface DemoStaff {
  readonly email: string;
  readonly displayName: string;
  /** Local demo only; printed by npm start. */
  readonly password: string;
  readonly schoolUrns: readonly string[];
  readonly role: string;
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  {
    email: 'dana.shah@oakfield.example.org',
    displayName: 'Dana Shah',
    password: 'oakfield-dsl-demo',
    schoolUrns: ['990001'],
    role: 'designated safeguarding lead, Oakfield',
  },
  {
    email: 'tom.reed@oakfield.example.org',
    displayName: 'Tom Reed',
    password: 'oakfield-teacher-demo',
    schoolUrns: ['990001'],
    role: 'class teacher, Oakfield',
  },
  {
    email: 'priya.nair@trust.example.org',
    displayName: 'Priya Nair',
    password: 'trust-dsl-demo-pass',
    schoolUrns: ['990001', '990002'],
    role: 'trust safeguarding lead, both schools',
  },
  {
    email: 'ravi.cole@riverside.example.org',
    displayName: 'Ravi Cole',
    password: 'riverside-teacher-demo',
    schoolUrns: ['990002'],
    role: 'class teacher, Riverside',
  },
];

export interface SeedSummary {
  readonly schoolsCreated: number;
  readonly staffCreated: number;
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
  const staffCreated = await seedDemoStaff(dynamo, tableName, new SchoolRepository(dynamo, tableName));
  return { schoolsCreated, staffCreated, operatorToken: DEMO_OPERATOR_TOKEN };
}

async function seedDemoStaff(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schools: SchoolRepository,
): Promise<number> {
  const identity = createIdentityServices(dynamo, tableName);
  let created = 0;
  for (const member of DEMO_STAFF) {
    const now = new Date().toISOString();
    const personId = randomUUID();
    try {
      await identity.people.create({
        personId,
        email: member.email,
        displayName: member.displayName,
        passwordHash: await hashPassword(member.password),
        failedSignIns: 0,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (error instanceof DuplicateEmailError) continue;
      throw error;
    }
    for (const urn of member.schoolUrns) {
      const schoolId = await schools.findIdByUrn(urn);
      const school = schoolId ? await schools.get(schoolId) : undefined;
      if (!school) throw new Error(`Demo school ${urn} is missing`);
      await identity.memberships.put({
        schoolId: school.schoolId,
        personId,
        schoolName: school.name,
        displayName: member.displayName,
        email: member.email,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      });
    }
    created += 1;
  }
  return created;
}
