/** The key store as user administration sees it: summaries only, never secrets or credential material. */
import type { KeyRepository } from '../identity/keys/key-repository';
import { keyView } from '../identity/keys/second-factor-key';
import type { KeyDirectory } from './user-admin-service';

export function keyDirectory(keys: KeyRepository): KeyDirectory {
  return {
    summaries: async (personId) => (await keys.listForPerson(personId)).map(keyView),
    // One single-item Query per person, in parallel: a school's user list is tens to a few hundred.
    holders: async (personIds) => {
      const flags = await Promise.all(
        personIds.map(async (personId) => [personId, await keys.hasAny(personId)] as const),
      );
      return new Set(flags.filter(([, has]) => has).map(([personId]) => personId));
    },
    removeAll: (personId) => keys.removeAllForPerson(personId),
  };
}
