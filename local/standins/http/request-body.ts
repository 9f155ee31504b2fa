// Reads a request body as JSON (an empty body is `{}`), with a size cap so a runaway client cannot make
// a stand-in buffer without limit.
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readCappedBody } from '../../read-capped-body';
import { AwsError, validationException } from './aws-errors';

const MAX_REQUEST_BYTES = 1_048_576;

/** `malformedType` is the exception the protocol raises for a body that is not JSON. */
export async function readJsonBody(request: IncomingMessage, malformedType: string): Promise<unknown> {
  const text = await readBody(request);
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AwsError(malformedType, 'Request body is not valid JSON');
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  try {
    return (await readCappedBody(request, MAX_REQUEST_BYTES)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw validationException('Request body too large');
    throw error;
  }
}
