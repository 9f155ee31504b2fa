/**
 * statemachines/transfer.asl.json runs locally exactly as deployed: the same file with the same
 * substitutions, its task steps calling the deployable task handler, and the decision arriving
 * as a task-token callback through the real Step Functions client.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { STATE_MACHINES } from '../../../lib/config/function-manifest';
import { TransferRepository } from '../../../lib/transfers/transfer-repository';
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
    VAULT_KEY_ID: 'alias/lantern-vault',
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

it('records the transfer as pending, waits for the decision callback, then succeeds', async () => {
  const transferId = randomUUID();
  const transfers = new TransferRepository(table.dynamo, table.tableName);
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: server.stateMachineArn('lantern-transfer'),
      name: `transfer-${transferId}`,
      input: JSON.stringify({ transferId }),
    }),
  );

  const token = await until(
    async () => (await transfers.get(transferId))?.decisionTaskToken,
    'the decision token',
  );
  expect((await transfers.get(transferId))?.status).toBe('Pending');
  const waiting = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  expect(waiting.status).toBe('RUNNING');

  await sfn.send(
    new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'Request' }) }),
  );
  const finished = await until(async () => {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING' ? undefined : execution;
  }, 'the execution to finish');
  expect(finished.status).toBe('SUCCEEDED');
  expect(JSON.parse(finished.output ?? '{}')).toEqual({
    transferId,
    pending: { status: 'Pending' },
    decision: { decision: 'Request' },
  });

  await expect(
    sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'Request' }) }),
    ),
  ).rejects.toThrow();
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
