/**
 * The bundle for Step Functions task Lambdas: validated environment, Powertools instrumentation,
 * and zod validation of the task input (a bad input fails the task with a named error, which
 * the state machine's Retry/Catch rules can tell apart from transient failures).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger, tracer } from './observability';

export class InvalidTaskInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Lantern.InvalidTaskInput';
  }
}

export function createWorkflowTaskHandler<S extends z.ZodType, R>(
  inputSchema: S,
  task: (input: z.output<S>) => Promise<R>,
): middy.MiddyfiedHandler<unknown, R, Error, Context> {
  return middy<unknown, R, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const parsed = inputSchema.safeParse(event);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        throw new InvalidTaskInputError(fields.join('; '));
      }
      return task(parsed.data);
    });
}
