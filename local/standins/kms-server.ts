/**
 * Local KMS stand-in: a JSON 1.1 endpoint for @aws-sdk/client-kms with real AES-256-GCM envelope
 * encryption, so application code encrypts and decrypts locally exactly as it would against AWS.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

export interface KmsServerOptions {
  port: number;
  /** When set, key material is kept in `<dataDir>/kms-keys.json` so ciphertext survives restarts. */
  dataDir?: string;
  keys: { keyId: string; aliases?: string[] }[];
}

export interface KmsServer {
  url: string;
  close(): Promise<void>;
}

const ACCOUNT_ID = '000000000000';
// The server is not told its region; ARNs echo the region the client signed for (eu-west-2 if unsigned).
const FALLBACK_REGION = 'eu-west-2';
const ALGORITHM = 'SYMMETRIC_DEFAULT';
const BLOB_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_PLAINTEXT_BYTES = 4096;
const MAX_REQUEST_BYTES = 1_048_576;
const KEY_FILE = 'kms-keys.json';

interface KeyRecord {
  keyId: string;
  aliases: string[];
  material: Buffer;
  creationDate: number;
}

interface StoredKeys {
  version: 1;
  keys: Record<string, { material: string; creationDate: number }>;
}

/** An AWS-shaped error: `__type` selects the SDK's exception class. */
class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

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

export async function startKmsServer(options: KmsServerOptions): Promise<KmsServer> {
  const keys = loadKeys(options);
  const aliasTargets = new Map<string, KeyRecord>();
  for (const key of keys.values()) {
    for (const alias of key.aliases) aliasTargets.set(alias, key);
  }

  function resolveKey(keyIdOrAlias: string): KeyRecord {
    const arn = /^arn:aws[\w-]*:kms:[^:]+:(\d{12}):(key|alias)\/(.+)$/.exec(keyIdOrAlias);
    let found: KeyRecord | undefined;
    if (arn) {
      if (arn[1] === ACCOUNT_ID) {
        found = arn[2] === 'key' ? keys.get(arn[3] ?? '') : aliasTargets.get(`alias/${arn[3] ?? ''}`);
      }
    } else if (keyIdOrAlias.startsWith('alias/')) {
      found = aliasTargets.get(keyIdOrAlias);
    } else {
      found = keys.get(keyIdOrAlias);
    }
    if (!found) throw new KmsError('NotFoundException', `Key '${keyIdOrAlias}' does not exist`);
    return found;
  }

  function handle(action: string, body: unknown, region: string): unknown {
    const keyArn = (key: KeyRecord) => `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${key.keyId}`;
    switch (action) {
      case 'Encrypt': {
        const input = parse(schemas.Encrypt, body);
        const key = resolveKey(input.KeyId);
        const plaintext = Buffer.from(input.Plaintext, 'base64');
        if (plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT_BYTES) {
          throw new KmsError('ValidationException', `Plaintext must be 1 to ${MAX_PLAINTEXT_BYTES} bytes`);
        }
        refuseDryRun(input.DryRun);
        return {
          CiphertextBlob: seal(key, plaintext, input.EncryptionContext).toString('base64'),
          KeyId: keyArn(key),
          EncryptionAlgorithm: ALGORITHM,
        };
      }
      case 'Decrypt': {
        const input = parse(schemas.Decrypt, body);
        const blob = Buffer.from(input.CiphertextBlob, 'base64');
        const blobKeyId = readBlobKeyId(blob);
        const key = keys.get(blobKeyId);
        if (!key) throw new KmsError('InvalidCiphertextException', 'The ciphertext refers to an unknown key');
        if (input.KeyId !== undefined && resolveKey(input.KeyId) !== key) {
          throw new KmsError(
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
      }
      case 'GenerateDataKey':
      case 'GenerateDataKeyWithoutPlaintext': {
        const input = parse(schemas.GenerateDataKey, body);
        const key = resolveKey(input.KeyId);
        if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined)) {
          throw new KmsError('ValidationException', 'Specify either KeySpec or NumberOfBytes, but not both');
        }
        refuseDryRun(input.DryRun);
        const dataKey = randomBytes(input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : 32));
        const response: Record<string, string> = {
          CiphertextBlob: seal(key, dataKey, input.EncryptionContext).toString('base64'),
          KeyId: keyArn(key),
        };
        if (action === 'GenerateDataKey') response.Plaintext = dataKey.toString('base64');
        return response;
      }
      case 'DescribeKey': {
        const key = resolveKey(parse(schemas.DescribeKey, body).KeyId);
        return {
          KeyMetadata: {
            AWSAccountId: ACCOUNT_ID,
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
      }
      case 'ListAliases': {
        const input = parse(schemas.ListAliases, body);
        const target = input.KeyId === undefined ? undefined : resolveKey(input.KeyId);
        const all = [...aliasTargets.entries()]
          .filter(([, key]) => target === undefined || key === target)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([alias, key]) => ({
            AliasName: alias,
            AliasArn: `arn:aws:kms:${region}:${ACCOUNT_ID}:${alias}`,
            TargetKeyId: key.keyId,
            CreationDate: key.creationDate,
            LastUpdatedDate: key.creationDate,
          }));
        const start = input.Marker === undefined ? 0 : decodeMarker(input.Marker);
        const limit = input.Limit ?? 50;
        const page = all.slice(start, start + limit);
        const truncated = start + limit < all.length;
        return truncated
          ? { Aliases: page, Truncated: true, NextMarker: String(start + limit) }
          : { Aliases: page, Truncated: false };
      }
      default:
        throw new KmsError('UnknownOperationException', `Operation ${action} is not supported locally`);
    }
  }

  const server = createServer((request, response) => {
    void serve(request, response, handle);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  handle: (action: string, body: unknown, region: string) => unknown,
): Promise<void> {
  try {
    const target = request.headers['x-amz-target'];
    const action = typeof target === 'string' && target.startsWith('TrentService.') ? target.slice(13) : '';
    if (request.method !== 'POST' || action === '') {
      throw new KmsError(
        'UnknownOperationException',
        'Expected a POST with X-Amz-Target: TrentService.<Action>',
      );
    }
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new KmsError('SerializationException', 'Request body is not valid JSON');
    }
    send(response, 200, handle(action, body, signingRegion(request)));
  } catch (error) {
    if (error instanceof KmsError) {
      send(response, error.status, { __type: error.type, message: error.message });
    } else {
      process.stderr.write(
        `[kms-standin] unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      send(response, 500, { __type: 'KMSInternalException', message: String(error) });
    }
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) throw new KmsError('ValidationException', 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The region from the SigV4 credential scope, so returned ARNs match what the client expects. */
function signingRegion(request: IncomingMessage): string {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(request.headers.authorization ?? '');
  return match?.[1] ?? FALLBACK_REGION;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new KmsError('ValidationException', z.prettifyError(result.error));
  return result.data;
}

function refuseDryRun(dryRun: boolean | undefined): void {
  // AWS answers a successful dry run with this exception rather than a result.
  if (dryRun) throw new KmsError('DryRunOperationException', 'The request would have succeeded');
}

function decodeMarker(marker: string): number {
  const start = Number(marker);
  if (!Number.isInteger(start) || start < 0) throw new KmsError('InvalidMarkerException', 'Invalid marker');
  return start;
}

// Blob layout: version (1) | key id length (1) | key id | IV (12) | GCM tag (16) | ciphertext.
// The header and the canonical encryption context are both bound as AAD, so neither can be swapped.

function blobHeader(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'utf8');
  return Buffer.concat([Buffer.from([BLOB_VERSION, id.length]), id]);
}

function additionalData(header: Buffer, context: Record<string, string> | undefined): Buffer {
  // Sorted pairs: AWS treats the context as an unordered map, so key order must not matter.
  const pairs = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.concat([header, Buffer.from([0]), Buffer.from(JSON.stringify(pairs), 'utf8')]);
}

function seal(key: KeyRecord, plaintext: Buffer, context: Record<string, string> | undefined): Buffer {
  const header = blobHeader(key.keyId);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv);
  cipher.setAAD(additionalData(header, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

function readBlobKeyId(blob: Buffer): string {
  const idLength = blob[1] ?? 0;
  if (blob[0] !== BLOB_VERSION || idLength === 0 || blob.length < 2 + idLength + IV_BYTES + TAG_BYTES) {
    throw new KmsError('InvalidCiphertextException', 'The ciphertext is not a blob from this KMS');
  }
  return blob.subarray(2, 2 + idLength).toString('utf8');
}

function open(key: KeyRecord, blob: Buffer, context: Record<string, string> | undefined): Buffer {
  const headerLength = 2 + (blob[1] ?? 0);
  const iv = blob.subarray(headerLength, headerLength + IV_BYTES);
  const tag = blob.subarray(headerLength + IV_BYTES, headerLength + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.material, iv);
    decipher.setAAD(additionalData(blob.subarray(0, headerLength), context));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(blob.subarray(headerLength + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // A wrong encryption context and a tampered blob fail the same way, as on AWS.
    throw new KmsError('InvalidCiphertextException', 'The ciphertext or encryption context is invalid');
  }
}

/** Builds the key table, reusing persisted material so data encrypted before a restart still decrypts. */
function loadKeys(options: KmsServerOptions): Map<string, KeyRecord> {
  const file = options.dataDir === undefined ? undefined : join(options.dataDir, KEY_FILE);
  const stored = file === undefined ? undefined : readStoredKeys(file);
  const next: StoredKeys = { version: 1, keys: { ...stored?.keys } };
  const keys = new Map<string, KeyRecord>();
  const seenAliases = new Set<string>();
  let changed = false;

  for (const { keyId, aliases = [] } of options.keys) {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(keyId)) {
      throw new Error(`KMS stand-in: key id '${keyId}' must be 1-128 letters, digits, '-' or '_'`);
    }
    if (keys.has(keyId)) throw new Error(`KMS stand-in: key '${keyId}' is configured twice`);
    for (const alias of aliases) {
      if (!/^alias\/[A-Za-z0-9/_-]+$/.test(alias) || alias.startsWith('alias/aws/')) {
        throw new Error(`KMS stand-in: alias '${alias}' must look like alias/<name> and not be AWS-reserved`);
      }
      if (seenAliases.has(alias)) throw new Error(`KMS stand-in: alias '${alias}' is configured twice`);
      seenAliases.add(alias);
    }
    let entry = next.keys[keyId];
    if (entry === undefined) {
      entry = { material: randomBytes(32).toString('base64'), creationDate: Math.floor(Date.now() / 1000) };
      next.keys[keyId] = entry;
      changed = true;
    }
    const material = Buffer.from(entry.material, 'base64');
    if (material.length !== 32)
      throw new Error(`KMS stand-in: stored material for '${keyId}' is not 32 bytes`);
    keys.set(keyId, { keyId, aliases, material, creationDate: entry.creationDate });
  }

  if (file !== undefined && options.dataDir !== undefined) {
    if (changed) {
      mkdirSync(options.dataDir, { recursive: true });
      const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
      writeFileSync(temporary, JSON.stringify(next, null, 2), { mode: 0o600 });
      renameSync(temporary, file);
    } else {
      chmodSync(file, 0o600);
    }
  }
  return keys;
}

function readStoredKeys(file: string): StoredKeys | undefined {
  if (!existsSync(file)) return undefined;
  // A corrupt file is fatal rather than replaced: new material would make existing data undecryptable.
  const parsed = z
    .object({
      version: z.literal(1),
      keys: z.record(z.string(), z.object({ material: z.string(), creationDate: z.number() })),
    })
    .safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`KMS stand-in: ${file} is not a valid key file`);
  return parsed.data;
}
