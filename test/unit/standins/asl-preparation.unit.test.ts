/** ASL preparation: which Task resources run locally, and how Task and Wait states are rewritten. */
import { prepareDefinition } from '../../../local/standins/stepfunctions/asl-preparation';

const fn = 'arn:aws:lambda:eu-west-2:000000000000:function:work';
const prepare = (definition: unknown) =>
  prepareDefinition('machine', JSON.stringify(definition), 'eu-west-2');
const MAX_TIMER_SECONDS = 2_147_483;

it('classifies each Lambda Task resource and caps task timeouts below the longest Node timer', () => {
  const { tasks, rewritten } = prepare({
    StartAt: 'Direct',
    TimeoutSeconds: 99_999_999,
    States: {
      Direct: { Type: 'Task', Resource: fn, Next: 'Invoke' },
      Invoke: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: fn },
        TimeoutSeconds: 30,
        Next: 'Callback',
      },
      Callback: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: fn, 'Payload.$': '$' },
        HeartbeatSeconds: 10,
        End: true,
      },
    },
  });
  expect(Object.fromEntries(tasks)).toEqual({
    Direct: { kind: 'lambda-direct', resource: fn, timeoutSeconds: MAX_TIMER_SECONDS },
    Invoke: { kind: 'lambda-invoke', resource: 'arn:aws:states:::lambda:invoke', timeoutSeconds: 30 },
    Callback: {
      kind: 'lambda-callback',
      resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      timeoutSeconds: MAX_TIMER_SECONDS,
      heartbeatSeconds: 10,
    },
  });
  // The interpreter's 60 s default must not apply: AWS has none short of a year.
  expect(rewritten).toMatchObject({
    TimeoutSeconds: MAX_TIMER_SECONDS,
    States: { Direct: { TimeoutSeconds: MAX_TIMER_SECONDS }, Invoke: { TimeoutSeconds: 30 } },
  });
});

it('rewrites a Wait state into a Task the stand-in runs, keeping its flow fields', () => {
  const { tasks, waitStates, rewritten } = prepare({
    StartAt: 'Pause',
    States: {
      Pause: { Type: 'Wait', SecondsPath: '$.delay', OutputPath: '$.kept', Comment: 'why', Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  });
  expect(waitStates).toEqual(new Set(['Pause']));
  expect(tasks.get('Pause')).toEqual({ kind: 'wait', resource: 'wait', timeoutSeconds: MAX_TIMER_SECONDS });
  const pause = (rewritten.States as Record<string, unknown>).Pause;
  // toMatchObject: the interpreter annotates the definition it was built from (QueryLanguage).
  expect(pause).not.toHaveProperty('SecondsPath');
  expect(pause).toMatchObject({
    Comment: 'why',
    OutputPath: '$.kept',
    Next: 'Done',
    Type: 'Task',
    Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:lantern-local-wait',
    Parameters: { 'input.$': '$', 'seconds.$': '$.delay' },
    TimeoutSeconds: MAX_TIMER_SECONDS,
  });
});

it('finds Task states inside Parallel branches and Map processors', () => {
  const { tasks } = prepare({
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Left', States: { Left: { Type: 'Task', Resource: fn, End: true } } }],
        Next: 'Each',
      },
      Each: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Task', Resource: fn, End: true } } },
        End: true,
      },
    },
  });
  expect([...tasks.keys()].sort()).toEqual(['Item', 'Left']);
});

it.each([
  [
    'an unsupported resource',
    {
      StartAt: 'Put',
      States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } },
    },
    "'machine' state 'Put' uses unsupported resource arn:aws:states:::dynamodb:putItem",
  ],
  [
    'HeartbeatSecondsPath',
    {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: fn, HeartbeatSecondsPath: '$.beat', End: true } },
    },
    "'machine' state 'T' uses HeartbeatSecondsPath, which is not supported",
  ],
  [
    'JSONata',
    { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
    "'machine' uses JSONata, which the interpreter cannot evaluate",
  ],
])('refuses a definition that uses %s', (_what, definition, message) => {
  expect(() => prepare(definition)).toThrow(`Step Functions stand-in: ${message}`);
});

it('refuses text that is not JSON, and ASL the validator rejects', () => {
  expect(() => prepareDefinition('machine', '{not json', 'eu-west-2')).toThrow(
    "Step Functions stand-in: definition of 'machine' is not JSON",
  );
  expect(() => prepare({ StartAt: 'Missing', States: { Other: { Type: 'Pass', End: true } } })).toThrow(
    "Step Functions stand-in: 'machine': ",
  );
});
