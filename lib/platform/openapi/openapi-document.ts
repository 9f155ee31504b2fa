/**
 * Builds the OpenAPI 3.1 document from the endpoint contracts, so validation, types and the
 * published description cannot drift apart.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import type { EndpointContract, RawBodyContract } from '../http/endpoint';
import { ProblemSchema } from '../http/problem';

const STANDARD_PROBLEMS: Record<number, string> = {
  400: 'Invalid input: the problem names each field and reason.',
  401: 'Authentication required or not valid.',
  403: 'Not permitted.',
  404: 'Not found.',
  405: 'Method not allowed (see the Allow header).',
  409: 'Conflict with the current state.',
  413: 'Request body too large.',
  415: 'Body must be JSON.',
  500: 'Unexpected error; quote the requestId.',
  503: 'A dependency is unavailable.',
};

function problemResponses(
  contract: EndpointContract,
): Record<string, { description: string; content: object }> {
  const statuses = new Set([400, 404, 405, 413, 415, 500]);
  if (contract.access.kind !== 'public') [401, 403].forEach((status) => statuses.add(status));
  (contract.otherProblemStatuses ?? []).forEach((status) => statuses.add(status));
  const responses: Record<string, { description: string; content: object }> = {};
  for (const status of [...statuses].sort()) {
    responses[String(status)] = {
      description: STANDARD_PROBLEMS[status] ?? 'Problem',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return responses;
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** A raw body, once per accepted media type: JSON ones with the contract's schema, others as text. */
function rawRequestBody(rawBody: RawBodyContract) {
  const content: Record<string, { schema: z.ZodType | { type: 'string' | 'object' } }> = {};
  for (const mediaType of rawBody.mediaTypes) {
    content[mediaType] = {
      schema: isJsonMediaType(mediaType) ? (rawBody.jsonSchema ?? { type: 'object' }) : { type: 'string' },
    };
  }
  return {
    required: true,
    description: `${rawBody.description} At most ${rawBody.maxBytes} bytes.`,
    content,
  };
}

export function buildOpenApiDocument(
  contracts: readonly EndpointContract[],
  info: { version: string; serverUrl?: string },
): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'operatorToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'Operator token created with `npm run lantern -- operator token create`.',
  });
  registry.registerComponent('securitySchemes', 'connectorCredential', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An MIS connector credential (lcn_…), created by a school admin under Admin > MIS connection; it pushes for that school only.',
  });
  registry.registerComponent('securitySchemes', 'staffSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'lantern_session',
    description:
      'Session cookie set by POST /api/auth/sign-in. State-changing requests also send the X-CSRF-Token header.',
  });
  for (const contract of contracts) {
    const success = contract.successStatus;
    registry.registerPath({
      method: contract.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete',
      path: contract.path,
      operationId: contract.operationId,
      summary: contract.summary,
      tags: [...contract.tags],
      ...(contract.access.kind === 'operator' ? { security: [{ operatorToken: [] }] } : {}),
      ...(contract.access.kind === 'connector' ? { security: [{ connectorCredential: [] }] } : {}),
      ...(contract.access.kind === 'staff' ? { security: [{ staffSession: [] }] } : {}),
      // The user-group permission the route needs (most apply only once the session is elevated with a key).
      ...(contract.access.kind === 'staff' && contract.access.permission
        ? { 'x-permission': contract.access.permission }
        : {}),
      request: {
        ...(contract.params ? { params: contract.params } : {}),
        ...(contract.query ? { query: contract.query } : {}),
        ...(contract.body
          ? { body: { required: true, content: { 'application/json': { schema: contract.body } } } }
          : {}),
        ...(contract.rawBody ? { body: rawRequestBody(contract.rawBody) } : {}),
      },
      responses: {
        [String(success)]:
          success === 204
            ? { description: 'Done.' }
            : { description: 'Success.', content: { 'application/json': { schema: contract.response } } },
        ...problemResponses(contract),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Lantern API',
      version: info.version,
      description:
        'Safeguarding and child-protection records for UK schools. Errors are RFC 9457 problem+json.',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
  }) as unknown as Record<string, unknown>;
}
