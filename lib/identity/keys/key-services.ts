/** Wires the second-factor key services over the table, the data key in KMS and the web app's origin. */
import type { KMSClient } from '@aws-sdk/client-kms';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdentityServices } from '../identity-services';
import { ElevationService } from './elevation-service';
import { ElevationThrottle } from './elevation-throttle';
import { TotpSecretCipher } from './key-encryption';
import { MyKeysService } from './my-keys-service';
import { TotpKeyService } from './totp-key-service';
import { TotpRegistrationRepository } from './totp-registration-repository';
import { WebAuthnChallengeRepository } from './webauthn-challenge-repository';
import { relyingPartyFor, WebAuthnService } from './webauthn-service';

export interface KeyServices {
  readonly myKeys: MyKeysService;
  readonly totp: TotpKeyService;
  readonly webAuthn: WebAuthnService;
  readonly elevation: ElevationService;
}

export interface KeyServicesOptions {
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly kms: KMSClient;
  /** The customer-managed key TOTP secrets are encrypted with (DATA_KEY_ID). */
  readonly dataKeyId: string;
  /** The web app's origin (APP_BASE_URL): the WebAuthn relying party. */
  readonly appBaseUrl: string;
  readonly identity: Pick<IdentityServices, 'keys' | 'sessions' | 'securityLog'>;
  readonly now?: () => Date;
}

export function createKeyServices(options: KeyServicesOptions): KeyServices {
  const { dynamo, tableName, identity } = options;
  const clock = options.now ? { now: options.now } : {};
  const { keys, sessions, securityLog } = identity;
  const totp = new TotpKeyService({
    keys,
    registrations: new TotpRegistrationRepository(dynamo, tableName),
    cipher: new TotpSecretCipher(options.kms, options.dataKeyId),
    securityLog,
    ...clock,
  });
  const webAuthn = new WebAuthnService({
    keys,
    challenges: new WebAuthnChallengeRepository(dynamo, tableName),
    securityLog,
    relyingParty: relyingPartyFor(options.appBaseUrl),
    ...clock,
  });
  const elevation = new ElevationService({
    sessions,
    securityLog,
    throttle: new ElevationThrottle(dynamo, tableName),
    totp,
    webAuthn,
    ...clock,
  });
  return { myKeys: new MyKeysService({ keys, sessions, securityLog }), totp, webAuthn, elevation };
}
