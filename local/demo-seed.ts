/**
 * Synthetic demo data for `npm start` and the e2e tests: two schools in the local region, their
 * staff (one working at both, as trust staff do; the two safeguarding leads with an authenticator-app
 * key), an operator token, Oakfield's MIS connector credential (local/demo-mis-seed.ts), and about 450 pupils with classes, contacts and siblings
 * (lib/pupils/demo-pupil-seed.ts); with `incidents`, also 18 months of incidents, actions, monitoring,
 * alerts and vault files (lib/incidents/demo-incident-seed.ts). Idempotent: a restart with persisted data finds the seed already there.
 * Every name and number here is invented (URNs in the unused 99xxxx range).
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { OperatorTokenRepository } from '../lib/operators/operator-token-repository';
import { hashOperatorToken } from '../lib/operators/operator-token-service';
import { DuplicateUrnError, SchoolRepository } from '../lib/schools/school-repository';
import { SchoolService } from '../lib/schools/school-service';
import type { CreateSchoolInput } from '../lib/schools/school';
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { createAccessServices } from '../lib/access/access-services';
import { DEFAULT_USER_GROUPS } from '../lib/access/user-group';
import { createIdentityServices } from '../lib/identity/identity-services';
import { hashPassword } from '../lib/identity/password-hashing';
import { DuplicateEmailError } from '../lib/identity/person-repository';
import { TotpSecretCipher } from '../lib/identity/keys/key-encryption';
import { seedDemoAttendance } from '../lib/attendance/demo-attendance-seed';
import { seedDemoPupils } from '../lib/pupils/demo-pupil-seed';
import { seedDemoIncidents, type DemoVault } from '../lib/incidents/demo-incident-seed';
import { seedDemoConnector, seedDemoImport, type DemoConnector, type DemoExtracts } from './demo-mis-seed';

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
  /**
   * Local demo only: a fixed base32 TOTP secret, so an authenticator app (or `oathtool --totp -b`) set
   * up once keeps working across restarts. Printed by npm start; people without one have no key.
   */
  readonly totpSecret?: string;
  /** Which of a new school's default user groups they are placed in, at every school they work at. */
  readonly group: (typeof DEFAULT_USER_GROUPS)[number]['key'];
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  {
    email: 'dana.shah@oakfield.example.org',
    group: 'dsl',
    displayName: 'Dana Shah',
    password: 'oakfield-dsl-demo',
    schoolUrns: ['990001'],
    role: 'designated safeguarding lead, Oakfield',
    totpSecret: 'DANADEMOTOTPSECRETOAKFIELDDSL234',
  },
  {
    email: 'tom.reed@oakfield.example.org',
    group: 'teachers',
    displayName: 'Tom Reed',
    password: 'oakfield-teacher-demo',
    schoolUrns: ['990001'],
    role: 'class teacher, Oakfield',
  },
  {
    email: 'priya.nair@trust.example.org',
    group: 'dsl',
    displayName: 'Priya Nair',
    password: 'trust-dsl-demo-pass',
    schoolUrns: ['990001', '990002'],
    role: 'trust safeguarding lead, both schools',
    totpSecret: 'PRIYADEMOTOTPSECRETTRUSTLEAD2345',
  },
  {
    email: 'ravi.cole@riverside.example.org',
    group: 'teachers',
    displayName: 'Ravi Cole',
    password: 'riverside-teacher-demo',
    schoolUrns: ['990002'],
    role: 'class teacher, Riverside',
  },
];

export interface SeedSummary {
  readonly schoolsCreated: number;
  readonly staffCreated: number;
  /** Demo incidents added by this run (0 when they were there already or not asked for). */
  readonly incidentsCreated: number;
  readonly operatorToken: string;
  /** Oakfield's fixed local MIS connector credential (local/demo-mis-seed.ts) and its school id. */
  readonly misConnector: DemoConnector;
}

export interface DemoSeedOptions {
  /**
   * Seed the living demo's incidents too, with vault files in this bucket. `npm start` (and the e2e
   * runtime) do; the integration harness does not, so each of its many suites starts on a fresh table
   * in a couple of seconds and can count exactly what it adds.
   */
  readonly incidents?: DemoVault;
  /** Seed about four months of daily attendance marks for every demo pupil (the living demo does). */
  readonly attendance?: boolean;
  /** Apply Oakfield's synthetic MIS staff list through the real import (the living demo does). */
  readonly misExtracts?: DemoExtracts;
}

/** What the seed needs to store the demo TOTP secrets as the API does: encrypted with the data key. */
export interface SeedKeyEncryption {
  readonly kms: KMSClient;
  readonly dataKeyId: string;
}

export async function seedDemoData(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  region: string,
  keyEncryption: SeedKeyEncryption,
  options: DemoSeedOptions = {},
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
  // Pupils load while the staff's passwords are hashed: one waits on DynamoDB, the other on the CPU.
  const [staffCreated, , misConnector] = await Promise.all([
    seedDemoStaff(dynamo, tableName, new SchoolRepository(dynamo, tableName)),
    seedDemoPupils(dynamo, tableName, new SchoolRepository(dynamo, tableName)),
    seedDemoConnector(dynamo, tableName, new SchoolRepository(dynamo, tableName)),
  ]);
  // Incidents, the demo keys' encryption (KMS) and the vault files (S3) go on at once.
  const [seeded] = await Promise.all([
    options.incidents
      ? seedDemoIncidents(dynamo, tableName, new SchoolRepository(dynamo, tableName), options.incidents)
      : Promise.resolve({ incidents: 0 }),
    seedDemoKeys(dynamo, tableName, keyEncryption),
    options.attendance
      ? seedDemoAttendance(dynamo, tableName, new SchoolRepository(dynamo, tableName))
      : Promise.resolve(0),
    options.misExtracts
      ? seedDemoImport(dynamo, tableName, misConnector.schoolId, options.misExtracts)
      : Promise.resolve(false),
  ]);
  return {
    schoolsCreated,
    staffCreated,
    incidentsCreated: seeded.incidents,
    operatorToken: DEMO_OPERATOR_TOKEN,
    misConnector,
  };
}

async function seedDemoStaff(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schools: SchoolRepository,
): Promise<number> {
  const identity = createIdentityServices(dynamo, tableName);
  const access = createAccessServices(dynamo, tableName);
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
      const groupName = DEFAULT_USER_GROUPS.find((group) => group.key === member.group)!.settings.name;
      const group = (await access.groups.list(school.schoolId)).find(
        (candidate) => candidate.name === groupName,
      );
      if (!group) throw new Error(`Demo school ${urn} has no "${groupName}" group`);
      await access.writer.add({
        schoolId: school.schoolId,
        personId,
        schoolName: school.name,
        displayName: member.displayName,
        email: member.email,
        status: 'active',
        groupId: group.groupId,
        createdAt: now,
        updatedAt: now,
      });
    }
    created += 1;
  }
  return created;
}

/** One fixed key id per demo key holder, so a restart finds the key already there. */
function demoKeyId(index: number): string {
  return `00000000-0000-4000-8000-${String(index + 1).padStart(4, '0')}0000d0c5`;
}

/**
 * Gives each demo key holder their authenticator-app key unless it is already there. Removing it in the
 * app and restarting brings it back, as the fixed operator token comes back.
 */
async function seedDemoKeys(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  keyEncryption: SeedKeyEncryption,
): Promise<void> {
  const identity = createIdentityServices(dynamo, tableName);
  const cipher = new TotpSecretCipher(keyEncryption.kms, keyEncryption.dataKeyId);
  for (const [index, member] of DEMO_STAFF.entries()) {
    if (!member.totpSecret) continue;
    const person = await identity.people.findByEmail(member.email);
    if (!person) throw new Error(`Demo person ${member.email} is missing`);
    const keyId = demoKeyId(index);
    if ((await identity.keys.listForPerson(person.personId)).some((key) => key.keyId === keyId)) continue;
    await identity.keys.create({
      type: 'totp',
      keyId,
      personId: person.personId,
      label: 'Demo authenticator app',
      createdAt: new Date().toISOString(),
      encryptedSecret: await cipher.encrypt(person.personId, member.totpSecret),
      // No code used yet: the first one the app shows works.
      lastUsedStep: 0,
    });
  }
}
