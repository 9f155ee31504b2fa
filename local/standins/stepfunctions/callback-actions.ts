// The Step Functions callback actions, SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat, which
// complete or keep alive a task held for its token.
import { z } from 'zod';
import { AwsError } from '../http/aws-errors';
import type { ActionHandlers } from '../http/aws-json-protocol';
import { parseInput } from '../http/parse-input';
import type { JsonValue } from './interpreter-types';
import { taskError } from './task-errors';
import type { TaskTokenRegistry } from './task-token-registry';

const tokenField = z.string().min(1).max(2048);
const schemas = {
  SendTaskSuccess: z.object({ taskToken: tokenField, output: z.string() }),
  SendTaskFailure: z.object({
    taskToken: tokenField,
    error: z.string().max(256).optional(),
    cause: z.string().max(32768).optional(),
  }),
  SendTaskHeartbeat: z.object({ taskToken: tokenField }),
};

export function callbackActions(tokens: TaskTokenRegistry): ActionHandlers {
  return {
    SendTaskSuccess(body) {
      const input = parseInput(schemas.SendTaskSuccess, body);
      const task = tokens.find(input.taskToken);
      let output: JsonValue;
      try {
        output = JSON.parse(input.output) as JsonValue;
      } catch {
        throw new AwsError('InvalidOutput', 'Invalid Output: not valid JSON');
      }
      task.resolve(output);
      return {};
    },
    SendTaskFailure(body) {
      const input = parseInput(schemas.SendTaskFailure, body);
      tokens.find(input.taskToken).reject(taskError(input.error ?? '', input.cause ?? ''));
      return {};
    },
    SendTaskHeartbeat(body) {
      tokens.find(parseInput(schemas.SendTaskHeartbeat, body).taskToken).heartbeat();
      return {};
    },
  };
}
