/**
 * The local demo's MIS connector credential: a fixed, clearly-local secret for Oakfield, so the curl
 * example in docs/mis-connectors.md and `npm run lantern -- mis push` work after every `npm start`
 * without first creating one under Admin > MIS connection. Stored as the API stores any credential
 * (only the SHA-256 of the secret); a restart finds it already there. Never used outside local runs.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hashToken } from '../lib/identity/opaque-token';
import { ConnectorCredentialRepository } from '../lib/mis/connector-credential-repository';
import { createMisServices } from '../lib/mis/mis-services';
import { syntheticExtract } from '../lib/mis/synthetic-extract';
import type { SchoolRepository } from '../lib/schools/school-repository';

/** Local only: printed by npm start and quoted in docs/mis-connectors.md. */
export const DEMO_CONNECTOR_SECRET = 'lcn_local-demo-connector-not-for-production';
const DEMO_CONNECTOR_CREDENTIAL_ID = '00000000-0000-4000-8000-00000000c0ec';
/** No admin created it: a fixed id stands for the seed, named as such in the credential list. */
const DEMO_SEED_PERSON_ID = '00000000-0000-4000-8000-000000005eed';
const DEMO_CONNECTOR_SCHOOL_URN = '990001';

export interface DemoConnector {
  readonly schoolId: string;
  readonly credentialId: string;
  readonly secret: string;
}

/**
 * Creates the demo connector credential unless a previous start did. Revoking it and restarting brings
 * it back; a rotated one is left alone (its id is still listed), so a restart never lists it twice.
 */
export async function seedDemoConnector(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schools: SchoolRepository,
): Promise<DemoConnector> {
  const schoolId = await schools.findIdByUrn(DEMO_CONNECTOR_SCHOOL_URN);
  if (!schoolId) throw new Error(`Demo school ${DEMO_CONNECTOR_SCHOOL_URN} is missing`);
  const credentials = new ConnectorCredentialRepository(dynamo, tableName);
  const stored = await credentials.listForSchool(schoolId);
  if (stored.some(({ credential }) => credential.credentialId === DEMO_CONNECTOR_CREDENTIAL_ID)) {
    return { schoolId, credentialId: DEMO_CONNECTOR_CREDENTIAL_ID, secret: DEMO_CONNECTOR_SECRET };
  }
  try {
    await credentials.create(hashToken(DEMO_CONNECTOR_SECRET), {
      schoolId,
      credentialId: DEMO_CONNECTOR_CREDENTIAL_ID,
      label: 'Local demo connector',
      createdAt: new Date().toISOString(),
      createdBy: DEMO_SEED_PERSON_ID,
      createdByName: 'Local demo seed',
    });
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return { schoolId, credentialId: DEMO_CONNECTOR_CREDENTIAL_ID, secret: DEMO_CONNECTOR_SECRET };
}

/** Where the demo's extracts go (the local extracts bucket, SSE-KMS with the vault key). */
export interface DemoExtracts {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly keyId: string;
}

/**
 * Oakfield's MIS staff list, made by the synthetic extract generator and applied once through the real
 * import, as a nightly run would: Admin > Imports has an applied import, the dashboard light is green,
 * and Admin > Users > Add user offers members of staff from the MIS. The extract is partial and holds
 * no pupils, so the hand-made demo pupils stay exactly as they are. A restart finds it and adds nothing.
 */
export async function seedDemoImport(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schoolId: string,
  extracts: DemoExtracts,
): Promise<boolean> {
  const mis = createMisServices({
    dynamo,
    s3: extracts.s3,
    tableName,
    extractsBucket: extracts.bucket,
    keyId: extracts.keyId,
  });
  if ((await mis.imports.state(schoolId)).newestImportId !== undefined) return false;
  const generated = syntheticExtract({
    seed: 41,
    pupils: 0,
    staff: 24,
    schoolDomain: 'oakfield.sch.uk.invalid',
  });
  const staffOnly = { ...generated, complete: false, groups: [], pupils: [] };
  await mis.service.receive(
    schoolId,
    Buffer.from(JSON.stringify(staffOnly)),
    { mediaType: 'application/json' },
    DEMO_CONNECTOR_CREDENTIAL_ID,
  );
  const outcome = await mis.service.run(schoolId, 'schedule');
  if (outcome.kind !== 'applied') throw new Error(`The demo MIS import did not apply (${outcome.kind})`);
  return true;
}
