/**
 * statemachines/transfer.asl.json runs locally exactly as deployed: the same file with the same
 * substitutions, its task steps calling the deployable task handler. The whole lifecycle through the
 * API is test/integration/transfers/transfer-lifecycle.integration.test.ts; this suite checks that a bad
 * step input fails at once with its named error instead of being retried.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { STATE_MACHINES } from '../../../lib/config/function-manifest';
import {
  applySubstitutions,
  invokeFunctionByArn,
  localDefinitionSubstitutions,
  REPOSITORY_ROOT,
} from '../../../local/lambda-invoker';
import { startStepFunctionsServer } from '../../../local/standins/stepfunctions-server';
import { createTestTable, type TestTable } from '../../support/test-table';

let table: TestTable;
let server: Awaited<ReturnType<typeof startStepFunctionsServer>>;
let sfn: SFNClient;

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

beforeAll(async () => {
  table = await createTestTable('workflow');
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    POWERTOOLS_SERVICE_NAME: 'lantern-test',
    POWERTOOLS_METRICS_NAMESPACE: 'Lantern',
    // Workflow functions may send mail (left-over alert delivery), so their environment names a sender.
    MAIL_FROM: 'no-reply@lantern.localhost',
    APP_BASE_URL: 'http://localhost:3000',
    // Every task function shares the workflow environment contract; the MIS import reads extracts.
    EXTRACTS_BUCKET: 'lantern-extracts',
    VAULT_BUCKET: 'lantern-vault',
    VAULT_KEY_ID: 'alias/lantern-vault',
    TRANSFER_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-2:000000000000:stateMachine:lantern-transfer',
  });
  const machine = STATE_MACHINES.find((candidate) => candidate.id === 'transfer');
  const source = await readFile(join(REPOSITORY_ROOT, machine!.definitionFile), 'utf8');
  server = await startStepFunctionsServer({
    port: 0,
    region: 'eu-west-2',
    stateMachines: [
      { name: 'lantern-transfer', definition: applySubstitutions(source, localDefinitionSubstitutions()) },
    ],
    invokeLambda: invokeFunctionByArn,
    waitTimeOverrides: true,
  });
  sfn = new SFNClient({ endpoint: server.url });
});

afterAll(async () => {
  await server.close();
  await table.drop();
});

it('fails the task with a named error when the step input is invalid', async () => {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: server.stateMachineArn('lantern-transfer'),
      input: JSON.stringify({ transferId: 'not-a-uuid' }),
    }),
  );
  const finished = await until(async () => {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING' ? undefined : execution;
  }, 'the execution to fail');
  expect(finished.status).toBe('FAILED');
  expect(finished.error).toBe('Lantern.InvalidTaskInput');
});
