// The awsJson 1.0/1.1 protocol (KMS, Step Functions): the action is named in X-Amz-Target and an
// error names its exception in the body's `__type`.
import type { IncomingMessage } from 'node:http';
import { AwsError } from './aws-errors';
import type { AwsProtocol } from './aws-json-server';

/** Handlers by action name, each taking the parsed request body. */
export type ActionHandlers = Readonly<Record<string, (body: unknown) => unknown>>;

export function awsJsonProtocol(version: '1.0' | '1.1', internalErrorType: string): AwsProtocol {
  return {
    contentType: `application/x-amz-json-${version}`,
    malformedBodyType: 'SerializationException',
    internalErrorType,
    errorResponse: (type, message) => ({ body: { __type: type, message }, headers: {} }),
  };
}

/** The action from `X-Amz-Target: <service>.<Action>`; anything but such a POST is refused. */
export function targetAction(request: IncomingMessage, service: string): string {
  const target = request.headers['x-amz-target'];
  const prefix = `${service}.`;
  const action = typeof target === 'string' && target.startsWith(prefix) ? target.slice(prefix.length) : '';
  if (request.method !== 'POST' || action === '') {
    throw new AwsError('UnknownOperationException', `Expected a POST with X-Amz-Target: ${service}.<Action>`);
  }
  return action;
}

export function runAction(handlers: ActionHandlers, action: string, body: unknown): unknown {
  // Own properties only: an action named like an Object.prototype member must not find one.
  const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
  if (handler === undefined) {
    throw new AwsError('UnknownOperationException', `Operation ${action} is not supported locally`);
  }
  return handler(body);
}
