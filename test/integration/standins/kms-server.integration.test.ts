/**
 * The local KMS stand-in, driven only through @aws-sdk/client-kms: envelope encryption round trips,
 * encryption-context binding, key lookup by id, alias and ARN, and key persistence across restarts.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSClient,
  ListAliasesCommand,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { startKmsServer } from '../../../local/standins/kms-server';

const keys = [
  { keyId: 'lantern-data', aliases: ['alias/lantern-data'] },
  { keyId: 'lantern-other', aliases: ['alias/lantern-other'] },
];

function clientFor(url: string): KMSClient {
  return new KMSClient({
    endpoint: url,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
}

const text = (value: string) => new TextEncoder().encode(value);
const decode = (value: Uint8Array | undefined) => new TextDecoder().decode(value);

describe('KMS stand-in', () => {
  let server: Awaited<ReturnType<typeof startKmsServer>>;
  let kms: KMSClient;

  beforeAll(async () => {
    server = await startKmsServer({ port: 0, keys });
    kms = clientFor(server.url);
  });

  afterAll(async () => {
    kms.destroy();
    await server.close();
  });

  it('decrypts what it encrypted, without being told the key, and reports the key ARN', async () => {
    const encrypted = await kms.send(
      new EncryptCommand({ KeyId: 'lantern-data', Plaintext: text('concern #42: details') }),
    );
    expect(encrypted.KeyId).toBe('arn:aws:kms:eu-west-2:000000000000:key/lantern-data');
    expect(decode(encrypted.CiphertextBlob)).not.toContain('concern #42');

    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
    expect(decode(decrypted.Plaintext)).toBe('concern #42: details');
    expect(decrypted.KeyId).toBe('arn:aws:kms:eu-west-2:000000000000:key/lantern-data');
  });

  it('encrypts the same plaintext differently each time', async () => {
    const first = await kms.send(new EncryptCommand({ KeyId: 'lantern-data', Plaintext: text('same') }));
    const second = await kms.send(new EncryptCommand({ KeyId: 'lantern-data', Plaintext: text('same') }));
    expect(Buffer.from(first.CiphertextBlob!).equals(Buffer.from(second.CiphertextBlob!))).toBe(false);
  });

  it('returns a data key whose ciphertext decrypts back to its plaintext', async () => {
    const context = { schoolId: 'school-1', purpose: 'record' };
    const dataKey = await kms.send(
      new GenerateDataKeyCommand({
        KeyId: 'alias/lantern-data',
        KeySpec: 'AES_256',
        EncryptionContext: context,
      }),
    );
    expect(dataKey.Plaintext).toHaveLength(32);

    // The context's key order must not matter.
    const decrypted = await kms.send(
      new DecryptCommand({
        CiphertextBlob: dataKey.CiphertextBlob,
        EncryptionContext: { purpose: 'record', schoolId: 'school-1' },
      }),
    );
    expect(Buffer.from(decrypted.Plaintext!).equals(Buffer.from(dataKey.Plaintext!))).toBe(true);
  });

  it('generates a data key of the requested size without returning the plaintext', async () => {
    const dataKey = await kms.send(
      new GenerateDataKeyWithoutPlaintextCommand({ KeyId: 'lantern-data', NumberOfBytes: 64 }),
    );
    expect(dataKey).not.toHaveProperty('Plaintext');
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
    expect(decrypted.Plaintext).toHaveLength(64);
  });

  it('rejects decryption with a different or missing encryption context', async () => {
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: 'lantern-data', Plaintext: text('secret'), EncryptionContext: { a: '1' } }),
    );
    await expect(
      kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { a: '2' } })),
    ).rejects.toBeInstanceOf(InvalidCiphertextException);
    await expect(kms.send(new DecryptCommand({ CiphertextBlob }))).rejects.toBeInstanceOf(
      InvalidCiphertextException,
    );
  });

  it('rejects a tampered ciphertext', async () => {
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: 'lantern-data', Plaintext: text('secret') }),
    );
    const tampered = Uint8Array.from(CiphertextBlob!);
    tampered[tampered.length - 1]! ^= 0xff;
    await expect(kms.send(new DecryptCommand({ CiphertextBlob: tampered }))).rejects.toBeInstanceOf(
      InvalidCiphertextException,
    );
  });

  it('rejects decryption naming a different key than the one that encrypted', async () => {
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: 'lantern-data', Plaintext: text('secret') }),
    );
    await expect(
      kms.send(new DecryptCommand({ CiphertextBlob, KeyId: 'alias/lantern-other' })),
    ).rejects.toBeInstanceOf(IncorrectKeyException);
    const matching = await kms.send(
      new DecryptCommand({
        CiphertextBlob,
        KeyId: 'arn:aws:kms:eu-west-2:000000000000:alias/lantern-data',
      }),
    );
    expect(decode(matching.Plaintext)).toBe('secret');
  });

  it('finds keys by id, alias, key ARN and alias ARN', async () => {
    for (const keyId of [
      'lantern-data',
      'alias/lantern-data',
      'arn:aws:kms:eu-west-2:000000000000:key/lantern-data',
      'arn:aws:kms:eu-west-2:000000000000:alias/lantern-data',
    ]) {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(KeyMetadata).toMatchObject({
        KeyId: 'lantern-data',
        Arn: 'arn:aws:kms:eu-west-2:000000000000:key/lantern-data',
        Enabled: true,
        KeyState: 'Enabled',
        KeyUsage: 'ENCRYPT_DECRYPT',
      });
      expect(KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    }
  });

  it('lists aliases, optionally for one key', async () => {
    const all = await kms.send(new ListAliasesCommand({}));
    expect(all.Aliases?.map((alias) => alias.AliasName)).toEqual([
      'alias/lantern-data',
      'alias/lantern-other',
    ]);

    const forKey = await kms.send(new ListAliasesCommand({ KeyId: 'lantern-other' }));
    expect(forKey.Aliases).toEqual([
      expect.objectContaining({
        AliasName: 'alias/lantern-other',
        AliasArn: 'arn:aws:kms:eu-west-2:000000000000:alias/lantern-other',
        TargetKeyId: 'lantern-other',
      }),
    ]);
  });

  it('reports unknown keys and aliases as NotFoundException', async () => {
    await expect(
      kms.send(new EncryptCommand({ KeyId: 'no-such-key', Plaintext: text('x') })),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(kms.send(new DescribeKeyCommand({ KeyId: 'alias/no-such-alias' }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('rejects GenerateDataKey with both KeySpec and NumberOfBytes', async () => {
    await expect(
      kms.send(new GenerateDataKeyCommand({ KeyId: 'lantern-data', KeySpec: 'AES_256', NumberOfBytes: 32 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('KMS stand-in with a data directory', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lantern-kms-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps key material across a restart so earlier ciphertext still decrypts', async () => {
    const first = await startKmsServer({ port: 0, dataDir, keys });
    const firstClient = clientFor(first.url);
    const { CiphertextBlob } = await firstClient.send(
      new EncryptCommand({ KeyId: 'lantern-data', Plaintext: text('kept'), EncryptionContext: { k: 'v' } }),
    );
    firstClient.destroy();
    await first.close();

    expect(statSync(join(dataDir, 'kms-keys.json')).mode & 0o777).toBe(0o600);

    const second = await startKmsServer({ port: 0, dataDir, keys });
    const secondClient = clientFor(second.url);
    try {
      const decrypted = await secondClient.send(
        new DecryptCommand({ CiphertextBlob, EncryptionContext: { k: 'v' } }),
      );
      expect(decode(decrypted.Plaintext)).toBe('kept');
    } finally {
      secondClient.destroy();
      await second.close();
    }
  });

  it('cannot decrypt ciphertext from a server whose keys were held only in memory', async () => {
    const ephemeral = await startKmsServer({ port: 0, keys });
    const ephemeralClient = clientFor(ephemeral.url);
    const { CiphertextBlob } = await ephemeralClient.send(
      new EncryptCommand({ KeyId: 'lantern-data', Plaintext: text('gone') }),
    );
    ephemeralClient.destroy();
    await ephemeral.close();

    const persistent = await startKmsServer({ port: 0, dataDir, keys });
    const persistentClient = clientFor(persistent.url);
    try {
      await expect(persistentClient.send(new DecryptCommand({ CiphertextBlob }))).rejects.toBeInstanceOf(
        InvalidCiphertextException,
      );
    } finally {
      persistentClient.destroy();
      await persistent.close();
    }
  });
});
