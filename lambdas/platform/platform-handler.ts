/** Platform API area: health, the OpenAPI document, and the 404 answer for unclaimed paths. */
import { HealthService } from '../../lib/health/health-service';
import { getHealth, getOpenApiDocument } from '../../lib/health/platform-api';
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { implement } from '../../lib/platform/http/endpoint';
import { ALL_ENDPOINTS } from '../../lib/platform/openapi/all-endpoints';
import { buildOpenApiDocument } from '../../lib/platform/openapi/openapi-document';
import packageJson from '../../package.json';

const { environment, clients, handlerOptions } = createApiContext();
const health = new HealthService(clients, {
  tableName: environment.TABLE_NAME,
  vaultBucket: environment.VAULT_BUCKET,
  dataKeyId: environment.DATA_KEY_ID,
  stateMachineArn: environment.TRANSFER_STATE_MACHINE_ARN,
  scheduleGroupName: environment.SCHEDULE_GROUP_NAME,
});
let openApiDocument: Record<string, unknown> | undefined;

export const handler = createApiHandler(
  [
    implement(getHealth, async () => {
      const report = await health.report();
      return { status: report.status === 'ok' ? 200 : 503, body: report };
    }),
    implement(getOpenApiDocument, () => {
      openApiDocument ??= buildOpenApiDocument(ALL_ENDPOINTS, { version: packageJson.version });
      return Promise.resolve({ body: openApiDocument });
    }),
  ],
  handlerOptions,
);
