// The restJson protocol (EventBridge Scheduler): the operation is the method and path, and an error
// names its exception in the x-amzn-ErrorType header.
import type { IncomingMessage } from 'node:http';
import type { AwsProtocol } from './aws-json-server';

export const restJsonProtocol: AwsProtocol = {
  contentType: 'application/json',
  malformedBodyType: 'ValidationException',
  internalErrorType: 'InternalServerException',
  errorResponse: (type, message) => ({ body: { Message: message }, headers: { 'x-amzn-ErrorType': type } }),
};

export interface RestRequest {
  method: string;
  /** Decoded path segments, e.g. ['schedules', 'my-schedule']. */
  path: string[];
  query: URLSearchParams;
}

export function restRequest(request: IncomingMessage): RestRequest {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
  return { method: request.method ?? 'GET', path, query: url.searchParams };
}
