/**
 * Local KMS stand-in: a JSON 1.1 endpoint for @aws-sdk/client-kms with real AES-256-GCM envelope
 * encryption, so application code encrypts and decrypts locally exactly as it would against AWS.
 */
import { awsJsonProtocol, runAction, targetAction } from './http/aws-json-protocol';
import { startAwsJsonServer } from './http/aws-json-server';
import { signingRegion } from './http/signing-region';
import { kmsActions } from './kms/kms-actions';
import { KeyRing } from './kms/key-ring';
import { loadKeys, type KeyConfig } from './kms/key-store';

export interface KmsServerOptions {
  port: number;
  /** When set, key material is kept in `<dataDir>/kms-keys.json` so ciphertext survives restarts. */
  dataDir?: string;
  keys: KeyConfig[];
}

export interface KmsServer {
  url: string;
  close(): Promise<void>;
}

export async function startKmsServer(options: KmsServerOptions): Promise<KmsServer> {
  const ring = new KeyRing(loadKeys(options.keys, options.dataDir));
  return startAwsJsonServer({
    port: options.port,
    logLabel: 'kms-standin',
    protocol: awsJsonProtocol('1.1', 'KMSInternalException'),
    route(request) {
      const action = targetAction(request, 'TrentService');
      return (body) => runAction(kmsActions(ring, signingRegion(request)), action, body);
    },
  });
}
