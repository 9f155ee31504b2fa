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

it('marks staff routes with the session scheme and names the permission each needs', () => {
  const document = buildOpenApiDocument(ALL_ENDPOINTS, { version: 'test' }) as {
    paths: Record<string, Record<string, { security?: unknown[]; 'x-permission'?: string }>>;
  };
  expect(document.paths['/api/admin/users']?.get).toMatchObject({
    security: [{ staffSession: [] }],
    'x-permission': 'admin.users',
  });
  expect(document.paths['/api/auth/session']?.get?.['x-permission']).toBeUndefined();
});
