// Builds the KMS key table from configuration, keeping key material in `<dataDir>/kms-keys.json` so
// data encrypted before a restart still decrypts after it.
import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFileAtomically } from '../persistence/atomic-json-file';

export interface KeyConfig {
  keyId: string;
  aliases?: string[];
}

export interface KeyRecord {
  keyId: string;
  aliases: string[];
  material: Buffer;
  creationDate: number;
}

const KEY_FILE = 'kms-keys.json';
const KEY_BYTES = 32;

const storedKeysSchema = z.object({
  version: z.literal(1),
  keys: z.record(z.string(), z.object({ material: z.string(), creationDate: z.number() })),
});

type StoredKeys = z.infer<typeof storedKeysSchema>;

/** Validates the configured keys and gives each its material: reused from the key file, or new. */
export function loadKeys(configured: KeyConfig[], dataDir: string | undefined): Map<string, KeyRecord> {
  const file = dataDir === undefined ? undefined : join(dataDir, KEY_FILE);
  // A corrupt file is fatal rather than replaced: new material would make existing data undecryptable.
  const stored =
    file === undefined
      ? undefined
      : readJsonFile(file, storedKeysSchema, `KMS stand-in: ${file} is not a valid key file`);
  const next: StoredKeys = { version: 1, keys: { ...stored?.keys } };
  const keys = new Map<string, KeyRecord>();
  const seenAliases = new Set<string>();
  let changed = false;

  for (const { keyId, aliases = [] } of configured) {
    checkKeyConfig(keyId, aliases, keys, seenAliases);
    let entry = next.keys[keyId];
    if (entry === undefined) {
      entry = {
        material: randomBytes(KEY_BYTES).toString('base64'),
        creationDate: Math.floor(Date.now() / 1000),
      };
      next.keys[keyId] = entry;
      changed = true;
    }
    const material = Buffer.from(entry.material, 'base64');
    if (material.length !== KEY_BYTES) {
      throw new Error(`KMS stand-in: stored material for '${keyId}' is not ${KEY_BYTES} bytes`);
    }
    keys.set(keyId, { keyId, aliases, material, creationDate: entry.creationDate });
  }

  if (file !== undefined) {
    // Owner-only: the file holds every key's material in the clear.
    if (changed) writeJsonFileAtomically(file, next, { mode: 0o600 });
    else chmodSync(file, 0o600);
  }
  return keys;
}

function checkKeyConfig(
  keyId: string,
  aliases: string[],
  keys: Map<string, KeyRecord>,
  seenAliases: Set<string>,
): void {
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
}
