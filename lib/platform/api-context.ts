/**
 * Composition root shared by API handler modules: the validated environment, the shared SDK
 * clients and the authenticators the API bundle needs. Built once per Lambda container.
 */
import { loadAccessProfile } from '../access/access-profile-loader';
import { createAccessServices, type AccessServices } from '../access/access-services';
import { createIdentityServices, type IdentityServices } from '../identity/identity-services';
import { createKeyServices, type KeyServices } from '../identity/keys/key-services';
import { PasswordLinkRepository } from '../identity/password-link-repository';
import { PasswordLinkService } from '../identity/password-link-service';
import { MailService } from '../mail/mail-service';
import { ConnectorCredentialRepository } from '../mis/connector-credential-repository';
import { ConnectorCredentialService } from '../mis/connector-credential-service';
import { OperatorTokenRepository } from '../operators/operator-token-repository';
import { SchoolRepository } from '../schools/school-repository';
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
  /** Second-factor keys and elevation. */
  readonly keys: KeyServices;
  readonly access: AccessServices;
  readonly passwordLinks: PasswordLinkService;
  /** MIS connector credentials: administered in the admin area, verified by the `connector` rule. */
  readonly connectors: ConnectorCredentialService;
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
  const access = createAccessServices(clients.dynamo, environment.TABLE_NAME);
  const connectors = new ConnectorCredentialService({
    repository: new ConnectorCredentialRepository(clients.dynamo, environment.TABLE_NAME),
    audit: access.audit,
  });
  const passwordLinks = new PasswordLinkService({
    ...identity,
    schools: new SchoolRepository(clients.dynamo, environment.TABLE_NAME),
    links: new PasswordLinkRepository(clients.dynamo, environment.TABLE_NAME),
    mail: new MailService(clients.ses, environment.MAIL_FROM),
    appBaseUrl: environment.APP_BASE_URL,
  });
  return {
    environment,
    region,
    clients,
    identity,
    keys: createKeyServices({
      dynamo: clients.dynamo,
      tableName: environment.TABLE_NAME,
      kms: clients.kms,
      dataKeyId: environment.DATA_KEY_ID,
      appBaseUrl: environment.APP_BASE_URL,
      identity,
    }),
    access,
    passwordLinks,
    connectors,
    handlerOptions: {
      maxBodyBytes: environment.MAX_BODY_BYTES,
      authenticators: {
        operator: (secret) => operatorTokens.verify(secret),
        connector: (secret) => connectors.verify(secret),
        staff: async (sessionId) => {
          // One round trip once this container has seen the session (session, membership, group and
          // settings in one batch); two the first time (the session, then the rest).
          const authenticated = await identity.signIn.authenticateWith(sessionId, {
            withSession: (sessionHash) => access.members.readWithSession(sessionHash),
            forSession: (session) => access.members.readFor(session),
          });
          if (!authenticated) return undefined;
          const { session, membership } = authenticated;
          return {
            ...session,
            displayName: membership.displayName,
            access: await loadAccessProfile(access.classes, authenticated, session.elevated),
          };
        },
        recordRefusal: async (refusal) => {
          await identity.securityLog.append({ ...refusal, type: 'access-refused' });
        },
      },
    },
  };
}
