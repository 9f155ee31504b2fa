/**
 * Composition root shared by API handler modules: the validated environment, the shared SDK
 * clients and the authenticators the API bundle needs. Built once per Lambda container.
 */
import { createIdentityServices, type IdentityServices } from '../identity/identity-services';
import { OperatorTokenRepository } from '../operators/operator-token-repository';
import { OperatorTokenService } from '../operators/operator-token-service';
import { awsClients, type AwsClients } from './aws-clients';
import {
  ApiEnvironmentSchema,
  LambdaRuntimeSchema,
  loadEnvironment,
  type ApiEnvironment,
} from './environment';
import type { ApiHandlerOptions } from './http/api-handler';

export interface ApiContext {
  readonly environment: ApiEnvironment;
  readonly region: string;
  readonly clients: AwsClients;
  readonly identity: IdentityServices;
  readonly handlerOptions: ApiHandlerOptions;
}

export function createApiContext(): ApiContext {
  const environment = loadEnvironment(ApiEnvironmentSchema);
  const { AWS_REGION: region } = loadEnvironment(LambdaRuntimeSchema);
  const clients = awsClients();
  const operatorTokens = new OperatorTokenService(
    new OperatorTokenRepository(clients.dynamo, environment.TABLE_NAME),
  );
  const identity = createIdentityServices(clients.dynamo, environment.TABLE_NAME);
  return {
    environment,
    region,
    clients,
    identity,
    handlerOptions: {
      maxBodyBytes: environment.MAX_BODY_BYTES,
      authenticators: {
        operator: (secret) => operatorTokens.verify(secret),
        staff: async (sessionId) => (await identity.signIn.authenticate(sessionId))?.session,
      },
    },
  };
}
