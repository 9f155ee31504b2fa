// Calls a Lambda for a Task state, shaping its result and its errors as Step Functions' Lambda
// integrations do.
import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue } from './interpreter-types';
import { statesRuntimeError, taskError } from './task-errors';

export type InvokeLambda = (functionArn: string, payload: unknown) => Promise<unknown>;

export async function callLambda(
  invokeLambda: InvokeLambda,
  functionName: string,
  payload: unknown,
): Promise<JsonValue> {
  let result: unknown;
  try {
    result = await invokeLambda(functionName, payload);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    // AWS reports a function error with the Lambda's own error type and a JSON cause.
    throw taskError(name, JSON.stringify({ errorType: name, errorMessage: message }));
  }
  // A JSON round trip, so the interpreter only ever sees plain JSON values.
  return JSON.parse(JSON.stringify(result ?? null)) as JsonValue;
}

/** FunctionName and Payload from a lambda:invoke task's evaluated Parameters. */
export function lambdaParameters(input: JsonValue): { functionName: string; payload: unknown } {
  const parameters = (input ?? {}) as JsonObject;
  if (typeof parameters.FunctionName !== 'string') {
    throw statesRuntimeError('lambda:invoke Parameters must include a FunctionName string');
  }
  return { functionName: parameters.FunctionName, payload: parameters.Payload ?? {} };
}

/** The envelope lambda:invoke wraps a function's result in, as on AWS. */
export function invokeResult(payload: JsonValue): JsonValue {
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: { HttpStatusCode: 200, HttpHeaders: { 'Content-Type': 'application/json' } },
    SdkResponseMetadata: { RequestId: randomUUID() },
    StatusCode: 200,
  };
}
