// The KMS actions the stand-in answers (Encrypt, Decrypt, GenerateDataKey*, DescribeKey, ListAliases),
// with KMS's validation rules and response shapes.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AwsError, validationException } from '../http/aws-errors';
import type { ActionHandlers } from '../http/aws-json-protocol';
import { parseInput } from '../http/parse-input';
import { LOCAL_ACCOUNT_ID } from '../local-account';
import { open, readBlobKeyId, seal } from './ciphertext-blob';
import type { KeyRing } from './key-ring';
import type { KeyRecord } from './key-store';

const ALGORITHM = 'SYMMETRIC_DEFAULT';
const MAX_PLAINTEXT_BYTES = 4096;

const base64 = z.string().min(1);
const encryptionContext = z.record(z.string(), z.string()).optional();
const keyIdField = z.string().min(1).max(2048);

const schemas = {
  Encrypt: z.object({
    KeyId: keyIdField,
    Plaintext: base64,
    EncryptionContext: encryptionContext,
    EncryptionAlgorithm: z.literal(ALGORITHM).optional(),
    DryRun: z.boolean().optional(),
  }),
  Decrypt: z.object({
    CiphertextBlob: base64,
    KeyId: keyIdField.optional(),
    EncryptionContext: encryptionContext,
    EncryptionAlgorithm: z.literal(ALGORITHM).optional(),
    DryRun: z.boolean().optional(),
  }),
  GenerateDataKey: z.object({
    KeyId: keyIdField,
    KeySpec: z.enum(['AES_256', 'AES_128']).optional(),
    NumberOfBytes: z.number().int().min(1).max(1024).optional(),
    EncryptionContext: encryptionContext,
    DryRun: z.boolean().optional(),
  }),
  DescribeKey: z.object({ KeyId: keyIdField }),
  ListAliases: z.object({
    KeyId: keyIdField.optional(),
    Limit: z.number().int().min(1).max(100).optional(),
    Marker: z.string().optional(),
  }),
};

/** The handlers for one request; `region` is the one it was signed for, echoed in returned ARNs. */
export function kmsActions(ring: KeyRing, region: string): ActionHandlers {
  const keyArn = (key: KeyRecord) => `arn:aws:kms:${region}:${LOCAL_ACCOUNT_ID}:key/${key.keyId}`;

  function generateDataKey(body: unknown, withPlaintext: boolean): Record<string, string> {
    const input = parseInput(schemas.GenerateDataKey, body);
    const key = ring.resolve(input.KeyId);
    if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined)) {
      throw validationException('Specify either KeySpec or NumberOfBytes, but not both');
    }
    refuseDryRun(input.DryRun);
    const dataKey = randomBytes(input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : 32));
    const response: Record<string, string> = {
      CiphertextBlob: seal(key, dataKey, input.EncryptionContext).toString('base64'),
      KeyId: keyArn(key),
    };
    if (withPlaintext) response.Plaintext = dataKey.toString('base64');
    return response;
  }

  return {
    Encrypt(body) {
      const input = parseInput(schemas.Encrypt, body);
      const key = ring.resolve(input.KeyId);
      const plaintext = Buffer.from(input.Plaintext, 'base64');
      if (plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT_BYTES) {
        throw validationException(`Plaintext must be 1 to ${MAX_PLAINTEXT_BYTES} bytes`);
      }
      refuseDryRun(input.DryRun);
      return {
        CiphertextBlob: seal(key, plaintext, input.EncryptionContext).toString('base64'),
        KeyId: keyArn(key),
        EncryptionAlgorithm: ALGORITHM,
      };
    },
    Decrypt(body) {
      const input = parseInput(schemas.Decrypt, body);
      const blob = Buffer.from(input.CiphertextBlob, 'base64');
      const key = ring.byId(readBlobKeyId(blob));
      if (!key) throw new AwsError('InvalidCiphertextException', 'The ciphertext refers to an unknown key');
      if (input.KeyId !== undefined && ring.resolve(input.KeyId) !== key) {
        throw new AwsError(
          'IncorrectKeyException',
          'The key ID in the request does not identify the KMS key that encrypted the ciphertext',
        );
      }
      refuseDryRun(input.DryRun);
      return {
        Plaintext: open(key, blob, input.EncryptionContext).toString('base64'),
        KeyId: keyArn(key),
        EncryptionAlgorithm: ALGORITHM,
      };
    },
    GenerateDataKey: (body) => generateDataKey(body, true),
    GenerateDataKeyWithoutPlaintext: (body) => generateDataKey(body, false),
    DescribeKey(body) {
      const key = ring.resolve(parseInput(schemas.DescribeKey, body).KeyId);
      return {
        KeyMetadata: {
          AWSAccountId: LOCAL_ACCOUNT_ID,
          KeyId: key.keyId,
          Arn: keyArn(key),
          CreationDate: key.creationDate,
          Enabled: true,
          Description: 'Lantern local KMS stand-in key',
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeyState: 'Enabled',
          Origin: 'AWS_KMS',
          KeyManager: 'CUSTOMER',
          CustomerMasterKeySpec: ALGORITHM,
          KeySpec: ALGORITHM,
          EncryptionAlgorithms: [ALGORITHM],
          MultiRegion: false,
        },
      };
    },
    ListAliases(body) {
      const input = parseInput(schemas.ListAliases, body);
      const target = input.KeyId === undefined ? undefined : ring.resolve(input.KeyId);
      const all = ring
        .aliases()
        .filter(([, key]) => target === undefined || key === target)
        .map(([alias, key]) => ({
          AliasName: alias,
          AliasArn: `arn:aws:kms:${region}:${LOCAL_ACCOUNT_ID}:${alias}`,
          TargetKeyId: key.keyId,
          CreationDate: key.creationDate,
          LastUpdatedDate: key.creationDate,
        }));
      const start = input.Marker === undefined ? 0 : decodeMarker(input.Marker);
      const limit = input.Limit ?? 50;
      const page = all.slice(start, start + limit);
      return start + limit < all.length
        ? { Aliases: page, Truncated: true, NextMarker: String(start + limit) }
        : { Aliases: page, Truncated: false };
    },
  };
}

function refuseDryRun(dryRun: boolean | undefined): void {
  // AWS answers a successful dry run with this exception rather than a result.
  if (dryRun) throw new AwsError('DryRunOperationException', 'The request would have succeeded');
}

function decodeMarker(marker: string): number {
  const start = Number(marker);
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidMarkerException', 'Invalid marker');
  return start;
}
