/**
 * Endpoint contracts: method, path, access rule and zod schemas for one API operation.
 * A contract is the single source for request validation, response typing and the OpenAPI
 * document; handlers bind a contract to its implementation with `implement`.
 */
import type { z } from 'zod';
import type { AccessProfile } from '../../access/authorisation';
import type { SystemPermission } from '../../access/permissions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call an endpoint. Deny by default: every endpoint names its rule, and there is no
 * rule that means "anyone" except `public`, used only for health and the API description.
 */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'operator' }
  /**
   * An MIS connector presenting its school's connector credential as a bearer secret. The principal
   * names the one school the credential belongs to; the endpoint must act for that school only.
   */
  | { readonly kind: 'connector' }
  /**
   * A signed-in member of the school the session is in, holding `permission` (after the key rule:
   * most permissions need an elevated session) when one is named. Finer checks (this pupil, this
   * incident) are the service's, through lib/access/authorisation.ts.
   */
  | { readonly kind: 'staff'; readonly permission?: SystemPermission };

/**
 * The most a raw body may be. A Lambda invoked synchronously takes at most 6 MiB of event, and API
 * Gateway puts a text body (JSON or XML) in the event as a JSON string, where every quote, backslash
 * and line break is escaped (a JSON extract is roughly a fifth quotes): 4 MiB leaves room for that and
 * the headers. Anything larger goes through a presigned upload instead.
 */
export const MAX_RAW_BODY_BYTES = 4 * 1024 * 1024;

/** A body taken as bytes (e.g. an MIS extract as JSON or XML), not parsed against a zod schema. */
export interface RawBodyContract {
  /** Accepted media types, lower-case and without parameters (a `charset` is allowed and ignored). */
  readonly mediaTypes: readonly string[];
  /** The contract's own size limit (413 above it), which may exceed the handler's default. */
  readonly maxBytes: number;
  readonly description: string;
  /** Published as the schema of the JSON media types (XML ones are described as a string). */
  readonly jsonSchema?: z.ZodType;
}

export interface EndpointContract<
  Params extends z.ZodObject = z.ZodObject,
  Query extends z.ZodObject = z.ZodObject,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** API Gateway style template, e.g. /api/operator/schools/{schoolId}. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly access: AccessRule;
  readonly params?: Params;
  readonly query?: Query;
  readonly body?: Body;
  /** A raw body instead of a JSON `body`: handed to the implementation as `request.rawBody`. */
  readonly rawBody?: RawBodyContract;
  readonly successStatus: 200 | 201 | 202 | 204;
  readonly response: Response;
  /** Statuses (besides 400/401/403/404/405/413/415/500) this endpoint may answer with. */
  readonly otherProblemStatuses?: readonly number[];
}

export function defineEndpoint<
  Params extends z.ZodObject,
  Query extends z.ZodObject,
  Body extends z.ZodType,
  Response extends z.ZodType,
>(
  contract: EndpointContract<Params, Query, Body, Response>,
): EndpointContract<Params, Query, Body, Response> {
  if (contract.rawBody) {
    // Programming errors, caught when the module loads (every contract is loaded by the tests).
    if (contract.body)
      throw new Error(`${contract.operationId}: a contract takes a body or a rawBody, not both`);
    if (contract.rawBody.maxBytes > MAX_RAW_BODY_BYTES) {
      throw new Error(`${contract.operationId}: rawBody.maxBytes is over ${MAX_RAW_BODY_BYTES}`);
    }
  }
  return contract;
}

/** What a request looks like once parsed and validated against its contract. */
export interface ValidatedRequest<C extends EndpointContract> {
  readonly params: z.output<NonNullable<C['params']>>;
  readonly query: z.output<NonNullable<C['query']>>;
  readonly body: z.output<NonNullable<C['body']>>;
  /** The body's bytes when the contract declares a `rawBody`; undefined otherwise. */
  readonly rawBody: Buffer | undefined;
  /** The raw body's media type as sent (lower-case, no parameters), one of the contract's. */
  readonly rawBodyMediaType: string | undefined;
  readonly principal: Principal;
  readonly requestId: string;
  readonly sourceIp: string;
  readonly userAgent: string;
}

/** The authenticated caller, as established by the access rule. */
export type Principal =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'operator'; readonly tokenId: string; readonly label: string }
  | ConnectorPrincipal
  | StaffPrincipal;

/** An MIS connector, by its credential. The school id here is the only one a push may touch. */
export interface ConnectorPrincipal {
  readonly kind: 'connector';
  readonly schoolId: string;
  readonly credentialId: string;
  readonly label: string;
}

/** A signed-in member of staff. The school id here, from the session, is the only one data access uses. */
export interface StaffPrincipal {
  readonly kind: 'staff';
  readonly personId: string;
  /** As the school knows them (their membership), for audit records. */
  readonly displayName: string;
  readonly schoolId: string;
  readonly elevated: boolean;
  readonly sessionHash: string;
  /** What this person may do here in this session; ask lib/access/authorisation.ts, never inspect directly. */
  readonly access: AccessProfile;
}

export interface EndpointResult<C extends EndpointContract> {
  /** Defaults to the contract's successStatus; health answers 503 with the same body shape. */
  readonly status?: number;
  readonly body: z.input<C['response']>;
  readonly headers?: Readonly<Record<string, string>>;
}

export type EndpointImplementation<C extends EndpointContract> = (
  request: ValidatedRequest<C>,
) => Promise<EndpointResult<C>>;

export interface BoundEndpoint {
  readonly contract: EndpointContract;
  readonly implementation: EndpointImplementation<EndpointContract>;
}

export function implement<C extends EndpointContract>(
  contract: C,
  implementation: EndpointImplementation<C>,
): BoundEndpoint {
  // The router validates every request against `contract` before calling the implementation,
  // so widening the implementation's parameter type here is sound.
  return { contract, implementation: implementation };
}
