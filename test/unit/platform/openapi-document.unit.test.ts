import { ALL_ENDPOINTS } from '../../../lib/platform/openapi/all-endpoints';
import { buildOpenApiDocument } from '../../../lib/platform/openapi/openapi-document';

type Operation = {
  operationId: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
};

const document = buildOpenApiDocument(ALL_ENDPOINTS, { version: '1.2.3' }) as {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
};

it('describes every endpoint contract exactly once', () => {
  const ids = Object.values(document.paths).flatMap((path) =>
    Object.values(path).map((op) => op.operationId),
  );
  expect(ids.sort()).toEqual(ALL_ENDPOINTS.map((endpoint) => endpoint.operationId).sort());
  expect(document.openapi).toBe('3.1.0');
  expect(document.info.version).toBe('1.2.3');
});

it('marks operator endpoints as needing the operator token and documents their 401', () => {
  const create = document.paths['/api/operator/schools']?.post;
  expect(create?.security).toEqual([{ operatorToken: [] }]);
  expect(create?.responses['401']?.content).toHaveProperty(['application/problem+json']);
  expect(create?.responses['409']).toBeDefined();
  expect(document.paths['/api/health']?.get?.security).toBeUndefined();
});
