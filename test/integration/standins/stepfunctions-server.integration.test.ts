/**
 * The local Step Functions stand-in, driven only through @aws-sdk/client-sfn: executions run to
 * completion, callback tasks wait for their token, and the API answers as AWS does.
 */
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type DescribeExecutionOutput,
} from '@aws-sdk/client-sfn';
import { startStepFunctionsServer } from '../../../local/standins/stepfunctions-server';

const fn = (name: string) => `arn:aws:lambda:eu-west-2:000000000000:function:${name}`;

/** A Lambda task that hands its task token to the `await-decision` function and waits for the callback. */
const callbackTask = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: {
    FunctionName: fn('await-decision'),
    Payload: { 'caseId.$': '$.caseId', 'taskToken.$': '$$.Task.Token' },
  },
  ResultPath: '$.decision',
  ...extra,
});

const definitions: Record<string, unknown> = {
  'two-step': {
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Parameters: { 'n.$': '$.n', source: 'pass' }, Next: 'Double' },
      Double: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: fn('double'), 'Payload.$': '$' },
        ResultSelector: { 'doubled.$': '$.Payload.doubled', 'status.$': '$.StatusCode' },
        Next: 'Label',
      },
      Label: { Type: 'Task', Resource: fn('label'), End: true },
    },
  },
  approval: {
    StartAt: 'AwaitDecision',
    States: { AwaitDecision: callbackTask({ End: true }) },
  },
  'approval-with-catch': {
    StartAt: 'AwaitDecision',
    States: {
      AwaitDecision: callbackTask({
        Catch: [{ ErrorEquals: ['DecisionRejected'], ResultPath: '$.failure', Next: 'Rejected' }],
        Next: 'Approved',
      }),
      Approved: { Type: 'Pass', Result: 'approved', ResultPath: '$.outcome', End: true },
      Rejected: { Type: 'Pass', Result: 'rejected', ResultPath: '$.outcome', End: true },
    },
  },
  'approval-with-heartbeat': {
    StartAt: 'AwaitDecision',
    States: {
      AwaitDecision: callbackTask({
        HeartbeatSeconds: 1,
        TimeoutSeconds: 30,
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.failure', Next: 'TimedOut' }],
        End: true,
      }),
      TimedOut: { Type: 'Pass', Result: 'timed out', ResultPath: '$.outcome', End: true },
    },
  },
  'long-wait': {
    StartAt: 'WaitAnHour',
    States: {
      WaitAnHour: { Type: 'Wait', Seconds: 3600, Next: 'WaitUntil' },
      WaitUntil: { Type: 'Wait', TimestampPath: '$.until', OutputPath: '$.payload', End: true },
    },
  },
  failing: {
    StartAt: 'Explode',
    States: { Explode: { Type: 'Task', Resource: fn('explode'), End: true } },
  },
};

interface LambdaCall {
  functionArn: string;
  payload: Record<string, unknown>;
}

describe('Step Functions stand-in', () => {
  let server: Awaited<ReturnType<typeof startStepFunctionsServer>>;
  let sfn: SFNClient;
  const calls: LambdaCall[] = [];
  let waiters: { predicate: (call: LambdaCall) => boolean; resolve: (call: LambdaCall) => void }[] = [];

  /** Resolves with the first Lambda call (past or future) that matches. */
  function lambdaCall(predicate: (call: LambdaCall) => boolean): Promise<LambdaCall> {
    const seen = calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ predicate, resolve }));
  }
  const tokenFor = async (caseId: string) =>
    String((await lambdaCall((call) => call.payload.caseId === caseId)).payload.taskToken);

  function invokeLambda(functionArn: string, payload: unknown): Promise<unknown> {
    const call = { functionArn, payload: payload as Record<string, unknown> };
    calls.push(call);
    waiters = waiters.filter((waiter) => !(waiter.predicate(call) && (waiter.resolve(call), true)));
    switch (functionArn) {
      case fn('double'):
        return Promise.resolve({ doubled: Number(call.payload.n) * 2 });
      case fn('label'):
        return Promise.resolve({
          label: `result ${String(call.payload.doubled)} (status ${String(call.payload.status)})`,
        });
      case fn('explode'):
        return Promise.reject(Object.assign(new Error('the record is locked'), { name: 'RecordLocked' }));
      default:
        return Promise.resolve({ accepted: true });
    }
  }

  const arn = (name: string) => server.stateMachineArn(name);

  async function start(machine: string, input: unknown, name?: string): Promise<string> {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn(machine), input: JSON.stringify(input), name }),
    );
    return executionArn!;
  }

  async function settled(executionArn: string, timeoutMs = 5000): Promise<DescribeExecutionOutput> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (execution.status !== 'RUNNING' || Date.now() > deadline) return execution;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    server = await startStepFunctionsServer({
      port: 0,
      region: 'eu-west-2',
      stateMachines: Object.entries(definitions).map(([name, definition]) => ({
        name,
        definition: JSON.stringify(definition),
      })),
      invokeLambda,
      waitTimeOverrides: true,
    });
    sfn = new SFNClient({
      endpoint: server.url,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });

  afterAll(async () => {
    sfn.destroy();
    await server.close();
  });

  it('runs a Pass and two Lambda tasks to SUCCEEDED with the expected output', async () => {
    const executionArn = await start('two-step', { n: 21 });
    expect(executionArn).toMatch(/^arn:aws:states:eu-west-2:000000000000:execution:two-step:[\w-]+$/);

    const execution = await settled(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ label: 'result 42 (status 200)' });
    expect(JSON.parse(execution.input!)).toEqual({ n: 21 });
    expect(execution.stopDate).toBeInstanceOf(Date);
    expect(calls).toContainEqual({ functionArn: fn('double'), payload: { n: 21, source: 'pass' } });
  });

  it('records the execution history from start to success', async () => {
    const executionArn = await start('two-step', { n: 1 });
    await settled(executionArn);
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events?.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events?.[1]?.stateEnteredEventDetails?.name).toBe('Prepare');
    expect(JSON.parse(events?.at(-1)?.executionSucceededEventDetails?.output ?? 'null')).toEqual({
      label: 'result 2 (status 200)',
    });
  });

  it('holds a waitForTaskToken task until SendTaskSuccess, then succeeds with that output', async () => {
    const executionArn = await start('approval', { caseId: 'case-success' });

    const taskToken = await tokenFor('case-success');
    expect(taskToken).toMatch(/^AQ/);

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');

    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ approved: true }) }));
    const execution = await settled(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ caseId: 'case-success', decision: { approved: true } });
  });

  it('rejects a second SendTaskSuccess for a token that was already used', async () => {
    const executionArn = await start('approval', { caseId: 'case-reuse' });
    const taskToken = await tokenFor('case-reuse');
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"first":true}' }));
    await settled(executionArn);

    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
    await expect(sfn.send(new SendTaskFailureCommand({ taskToken, error: 'Late' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
    expect(JSON.parse((await settled(executionArn)).output!)).toEqual({
      caseId: 'case-reuse',
      decision: { first: true },
    });
  });

  it('rejects tokens it never issued', async () => {
    const wellFormed = `AQ${'A'.repeat(128)}`;
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: wellFormed, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'not-a-token' }))).rejects.toBeInstanceOf(
      InvalidToken,
    );
  });

  it('fails the execution with the error and cause from SendTaskFailure', async () => {
    const executionArn = await start('approval', { caseId: 'case-failure' });
    const taskToken = await tokenFor('case-failure');
    await sfn.send(new SendTaskFailureCommand({ taskToken, error: 'DecisionRejected', cause: 'not safe' }));

    const execution = await settled(executionArn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'DecisionRejected', cause: 'not safe' });
    expect(execution.output).toBeUndefined();
  });

  it('routes a SendTaskFailure to a matching Catch branch', async () => {
    const executionArn = await start('approval-with-catch', { caseId: 'case-catch' });
    const taskToken = await tokenFor('case-catch');
    await sfn.send(new SendTaskFailureCommand({ taskToken, error: 'DecisionRejected', cause: 'not safe' }));

    const execution = await settled(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({
      caseId: 'case-catch',
      failure: { Error: 'DecisionRejected', Cause: 'not safe' },
      outcome: 'rejected',
    });
  });

  it('keeps a callback task alive while heartbeats arrive, and times it out when they stop', async () => {
    const kept = await start('approval-with-heartbeat', { caseId: 'case-heartbeat' });
    const lapsed = await start('approval-with-heartbeat', { caseId: 'case-no-heartbeat' });
    const taskToken = await tokenFor('case-heartbeat');
    for (let beat = 0; beat < 3; beat += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    }
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '"approved"' }));

    const keptExecution = await settled(kept);
    expect(JSON.parse(keptExecution.output!)).toEqual({ caseId: 'case-heartbeat', decision: 'approved' });
    const lapsedExecution = await settled(lapsed);
    expect(JSON.parse(lapsedExecution.output!)).toMatchObject({
      failure: { Error: 'States.Timeout' },
      outcome: 'timed out',
    });
    const lapsedToken = await tokenFor('case-no-heartbeat');
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: lapsedToken, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('makes StartExecution idempotent by name only while the first run is RUNNING with the same input', async () => {
    const input = { caseId: 'case-idempotent' };
    const first = await start('approval', input, 'transfer-123');
    const again = await start('approval', input, 'transfer-123');
    expect(again).toBe(first);
    expect(first).toBe('arn:aws:states:eu-west-2:000000000000:execution:approval:transfer-123');
    await expect(start('approval', { caseId: 'different' }, 'transfer-123')).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );

    const taskToken = await tokenFor('case-idempotent');
    expect(calls.filter((call) => call.payload.caseId === 'case-idempotent')).toHaveLength(1);
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    await settled(first);
    await expect(start('approval', input, 'transfer-123')).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('runs Wait states instantly when wait times are overridden', async () => {
    const startedAt = Date.now();
    const executionArn = await start('long-wait', { until: '2999-01-01T00:00:00Z', payload: { kept: 1 } });
    const execution = await settled(executionArn, 2000);
    expect(execution.status).toBe('SUCCEEDED');
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(JSON.parse(execution.output!)).toEqual({ kept: 1 });

    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events?.map((event) => event.type)).toContain('WaitStateEntered');
    expect(events?.map((event) => event.type)).not.toContain('TaskStateEntered');
  });

  it('fails with the Lambda error type when a function throws', async () => {
    const execution = await settled(await start('failing', {}));
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('RecordLocked');
    expect(JSON.parse(execution.cause!)).toEqual({
      errorType: 'RecordLocked',
      errorMessage: 'the record is locked',
    });
  });

  it('stops a running execution and retires its task token', async () => {
    const executionArn = await start('approval', { caseId: 'case-stopped' });
    const taskToken = await tokenFor('case-stopped');
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'school withdrew' }));

    const execution = await settled(executionArn);
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'school withdrew' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
  });

  it('lists executions by state machine and status', async () => {
    const running = await start('approval', { caseId: 'case-listed' });
    await tokenFor('case-listed');
    const { executions } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: arn('approval'), statusFilter: 'RUNNING' }),
    );
    expect(executions?.map((execution) => execution.executionArn)).toEqual([running]);

    const firstPage = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: arn('approval'), maxResults: 2 }),
    );
    expect(firstPage.executions).toHaveLength(2);
    expect(firstPage.nextToken).toBeDefined();
    expect(firstPage.executions?.[0]?.executionArn).toBe(running);

    await sfn.send(new StopExecutionCommand({ executionArn: running }));
  });

  it('lists and describes the configured state machines', async () => {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines?.map((machine) => machine.name)).toEqual(Object.keys(definitions).sort());

    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn('two-step') }));
    expect(described).toMatchObject({ name: 'two-step', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(described.definition!)).toEqual(definitions['two-step']);
  });

  it('reports unknown state machines and executions with AWS error types', async () => {
    await expect(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:missing',
        }),
      ),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: 'arn:aws:states:eu-west-2:000000000000:execution:approval:missing',
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  it('refuses to start with a Task resource it cannot run', async () => {
    await expect(
      startStepFunctionsServer({
        port: 0,
        region: 'eu-west-2',
        stateMachines: [
          {
            name: 'dynamo',
            definition: JSON.stringify({
              StartAt: 'Put',
              States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } },
            }),
          },
        ],
        invokeLambda,
      }),
    ).rejects.toThrow(/unsupported resource arn:aws:states:::dynamodb:putItem/);
  });
});
