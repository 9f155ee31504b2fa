// Finds a KMS key by key id, alias, key ARN or alias ARN, since the KMS API accepts any of them.
import { AwsError } from '../http/aws-errors';
import { LOCAL_ACCOUNT_ID } from '../local-account';
import type { KeyRecord } from './key-store';

export class KeyRing {
  private readonly aliasTargets = new Map<string, KeyRecord>();

  constructor(private readonly keys: ReadonlyMap<string, KeyRecord>) {
    for (const key of keys.values()) {
      for (const alias of key.aliases) this.aliasTargets.set(alias, key);
    }
  }

  /** The key with exactly this id (the one recorded in a ciphertext blob). */
  byId(keyId: string): KeyRecord | undefined {
    return this.keys.get(keyId);
  }

  resolve(keyIdOrAlias: string): KeyRecord {
    const arn = /^arn:aws[\w-]*:kms:[^:]+:(\d{12}):(key|alias)\/(.+)$/.exec(keyIdOrAlias);
    let found: KeyRecord | undefined;
    if (arn) {
      if (arn[1] === LOCAL_ACCOUNT_ID) {
        found =
          arn[2] === 'key' ? this.keys.get(arn[3] ?? '') : this.aliasTargets.get(`alias/${arn[3] ?? ''}`);
      }
    } else if (keyIdOrAlias.startsWith('alias/')) {
      found = this.aliasTargets.get(keyIdOrAlias);
    } else {
      found = this.keys.get(keyIdOrAlias);
    }
    if (!found) throw new AwsError('NotFoundException', `Key '${keyIdOrAlias}' does not exist`);
    return found;
  }

  /** Every alias with the key it names, sorted by alias. */
  aliases(): [string, KeyRecord][] {
    return [...this.aliasTargets.entries()].sort(([a], [b]) => a.localeCompare(b));
  }
}
