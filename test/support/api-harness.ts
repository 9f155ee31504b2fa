/**
 * The API as clients meet it, for integration suites: a fresh table with the demo seed, the
 * deployable handler modules behind the local HTTP gateway, and the other stand-ins from the
 * integration global setup.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { seedDemoData } from '../../local/demo-seed';
import { startHttpGateway } from '../../local/http-gateway';
import { LOCAL_DATA_KEY, localApiEnvironment } from '../../local/local-environment';
import { ensureScheduleGroup } from '../../local/provision';
import { createTestTable, type TestTable } from './test-table';

export interface ApiHarness {
  readonly table: TestTable;
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startApiHarness(options: { maxBodyBytes?: number } = {}): Promise<ApiHarness> {
  const table = await createTestTable('api');
  const bucket = `vault-${table.tableName.slice(-12)}`;
  await new S3Client({ forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: bucket }));
  await ensureScheduleGroup(new SchedulerClient({}), 'lantern');
  Object.assign(
    process.env,
    localApiEnvironment({
      appBaseUrl: 'http://localhost:3000',
      transferStateMachineArn: process.env.LANTERN_IT_TRANSFER_STATE_MACHINE_ARN ?? '',
    }),
    {
      TABLE_NAME: table.tableName,
      VAULT_BUCKET: bucket,
      MAX_BODY_BYTES: String(options.maxBodyBytes ?? 1_048_576),
    },
  );
  // The KMS stand-in from the integration global setup, through AWS_ENDPOINT_URL_KMS.
  await seedDemoData(table.dynamo, table.tableName, 'eu-west-2', {
    kms: new KMSClient({}),
    dataKeyId: LOCAL_DATA_KEY.alias,
  });
  const webRoot = await mkdtemp(join(tmpdir(), 'lantern-web-'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Lantern</title>');
  const gateway = await startHttpGateway({ port: 0, webRoot });
  return {
    table,
    baseUrl: `http://127.0.0.1:${gateway.port}`,
    close: async () => {
      await gateway.close();
      await table.drop();
      await rm(webRoot, { recursive: true, force: true });
    },
  };
}
