/**
 * Who may change a person's keys. The first key is registered with the password session alone (there
 * is nothing else to prove yet); after that, adding or removing a key needs an elevated session, so a
 * stolen password is not enough to add the thief's own key, or to remove the owner's and start over.
 */
import type { Person } from '../identity';
import { ElevationRequiredError } from './key-errors';
import type { KeyRepository } from './key-repository';

/** The person changing their keys, from their session; the school is recorded in the security log. */
export interface KeyActor {
  readonly person: Person;
  readonly schoolId: string;
  readonly sessionHash: string;
  readonly elevated: boolean;
}

export async function requireElevationIfKeyed(keys: KeyRepository, actor: KeyActor): Promise<void> {
  if (!actor.elevated && (await keys.hasAny(actor.person.personId))) throw new ElevationRequiredError();
}
