/**
 * Reading and changing things through the API with one result shape: the parsed answer, or a Problem
 * (refused, unreadable or never answered). Every body is checked by a parser before a page sees it.
 */
import { readJson } from './client';
import { problemFromResponse, type Problem } from './problem';
import { send } from './send';
import type { ApiMethod } from './client';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Checks an answer's body; undefined when it is not the expected shape. */
export type BodyParser<T> = (body: unknown) => T | undefined;

function unreadable(what: string, status: number): Problem {
  return {
    title: `The ${what} could not be read`,
    detail: `Lantern answered, but not with the ${what}. Try again in a few minutes.`,
    status,
  };
}

async function answer<T>(
  sent: { response: Response } | { problem: Problem },
  parse: BodyParser<T>,
  what: string,
): Promise<ApiResult<T>> {
  if ('problem' in sent) return { ok: false, problem: sent.problem };
  const { response } = sent;
  if (!response.ok) return { ok: false, problem: await problemFromResponse(response) };
  const value = parse(await readJson(response));
  return value === undefined
    ? { ok: false, problem: unreadable(what, response.status) }
    : { ok: true, value };
}

/** GET `path` and parse its JSON body; `what` names it in the problem shown if the body is unreadable. */
export async function getParsed<T>(
  path: `/api/${string}`,
  parse: BodyParser<T>,
  what: string,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  return answer(await send(path, signal ? { signal } : {}), parse, what);
}

/** A changing request (the client adds the CSRF token) whose answer has a JSON body. */
export async function sendParsed<T>(
  path: `/api/${string}`,
  method: Exclude<ApiMethod, 'GET'>,
  body: unknown,
  parse: BodyParser<T>,
  what: string,
): Promise<ApiResult<T>> {
  return answer(await send(path, { method, ...(body === undefined ? {} : { body }) }), parse, what);
}

/** A changing request answered 204 No Content. */
export async function sendWithoutAnswer(
  path: `/api/${string}`,
  method: Exclude<ApiMethod, 'GET'>,
): Promise<ApiResult<true>> {
  const sent = await send(path, { method });
  if ('problem' in sent) return { ok: false, problem: sent.problem };
  if (!sent.response.ok) return { ok: false, problem: await problemFromResponse(sent.response) };
  return { ok: true, value: true };
}
