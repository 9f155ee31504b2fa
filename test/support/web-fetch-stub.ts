/**
 * For contract tests of the web app's API clients (test/unit/web/*): replaces fetch for each test with
 * one that records what the client sent and answers with the body and status the test chose, so the
 * client's parsing can be checked against the server's zod contracts without a server.
 */
import type { z } from 'zod';
import type { EndpointContract } from '../../lib/platform/http/endpoint';

export interface SentRequest {
  method: string;
  /** Path and query string, as the client built them. */
  path: string;
  body?: unknown;
}

export interface FetchStub {
  /** Every request since the test began. */
  readonly sent: SentRequest[];
  /** Answers with `body` and `status` (problem+json from 400 on). */
  answer(body: unknown, status: number): void;
  /** Answers with `body` as the endpoint's success, after checking it against its response schema. */
  answerWith<C extends EndpointContract>(contract: C, body: z.input<C['response']>): unknown;
}

/** Registers jest hooks that stub fetch around every test of the file. */
export function useFetchStub(): FetchStub {
  const sent: SentRequest[] = [];
  let body: unknown;
  let status = 200;
  beforeEach(() => {
    sent.length = 0;
    jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        'https://lantern.test',
      );
      sent.push({
        method: init?.method ?? 'GET',
        path: url.pathname + url.search,
        ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) as unknown } : {}),
      });
      return Promise.resolve(
        new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
        }),
      );
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return {
    sent,
    answer(next, nextStatus) {
      body = next;
      status = nextStatus;
    },
    answerWith(contract, next) {
      body = JSON.parse(JSON.stringify(contract.response.parse(next))) as unknown;
      status = contract.successStatus;
      return body;
    },
  };
}
