// Runs one stand-in AWS endpoint: routes each request, reads its JSON body, and answers with JSON or
// with an error shaped as the service's protocol expects.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, describeError } from './aws-errors';
import { listenOnLoopback, type LoopbackListener } from './loopback-listener';
import { readJsonBody } from './request-body';

/** How a protocol (awsJson, restJson) frames responses and errors. */
export interface AwsProtocol {
  contentType: string;
  /** The exception for a body that is not JSON. */
  malformedBodyType: string;
  /** The exception for a fault in the stand-in itself (status 500). */
  internalErrorType: string;
  errorResponse(type: string, message: string): { body: unknown; headers: Record<string, string> };
}

export interface AwsJsonServerOptions {
  port: number;
  /** Names the stand-in in stderr lines, e.g. `kms-standin`. */
  logLabel: string;
  protocol: AwsProtocol;
  /**
   * Resolves the operation from the request line and headers, before the body is read (so a bad
   * request is refused without buffering it); the result handles the parsed body. Throws AwsError.
   */
  route(request: IncomingMessage): (body: unknown) => unknown;
}

export function startAwsJsonServer(options: AwsJsonServerOptions): Promise<LoopbackListener> {
  return listenOnLoopback(options.port, (request, response) => {
    void serve(request, response, options);
  });
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  options: AwsJsonServerOptions,
): Promise<void> {
  const { protocol } = options;
  try {
    const operation = options.route(request);
    const body = await readJsonBody(request, protocol.malformedBodyType);
    send(response, 200, protocol.contentType, operation(body));
  } catch (error) {
    const failure =
      error instanceof AwsError ? error : new AwsError(protocol.internalErrorType, String(error), 500);
    if (!(error instanceof AwsError)) {
      process.stderr.write(`[${options.logLabel}] unexpected error: ${describeError(error)}\n`);
    }
    const { body, headers } = protocol.errorResponse(failure.type, failure.message);
    send(response, failure.status, protocol.contentType, body, headers);
  }
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': contentType, 'x-amzn-RequestId': randomUUID(), ...headers });
  response.end(JSON.stringify(body));
}
