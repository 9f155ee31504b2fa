/** Builds API responses: JSON bodies, problem+json bodies, and the headers every response carries. */
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { HttpProblem, Problem } from './problem';

/** API responses are data, never documents: nothing may frame, sniff, cache or script them. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function jsonResponse(
  status: number,
  body: unknown,
  requestId: string,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: {
      ...API_SECURITY_HEADERS,
      ...headers,
      ...(status === 204 ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      'X-Request-Id': requestId,
    },
    body: status === 204 ? '' : JSON.stringify(body),
  };
}

export function problemResponse(
  problem: HttpProblem,
  requestId: string,
  instance: string,
): APIGatewayProxyResult {
  const body: Problem = {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance,
    requestId,
    ...(problem.errors ? { errors: [...problem.errors] } : {}),
  };
  return {
    statusCode: problem.status,
    headers: {
      ...API_SECURITY_HEADERS,
      ...problem.headers,
      'Content-Type': 'application/problem+json; charset=utf-8',
      'X-Request-Id': requestId,
    },
    body: JSON.stringify(body),
  };
}
