/**
 * The person's own keys: listing them (never their secrets) and removing one. Removing the last key
 * also ends the current session's elevation, because elevation means "has a key and proved it".
 */
import type { SecurityLog } from '../security-log';
import type { SessionRepository } from '../session-repository';
import type { RequestOrigin } from '../sign-in-service';
import type { KeyActor } from './key-change-policy';
import { ElevationRequiredError, KeyNotFoundError } from './key-errors';
import type { KeyRepository } from './key-repository';
import { keyView, type KeyView } from './second-factor-key';

export interface MyKeysServiceDependencies {
  readonly keys: KeyRepository;
  readonly sessions: SessionRepository;
  readonly securityLog: SecurityLog;
}

export class MyKeysService {
  constructor(private readonly deps: MyKeysServiceDependencies) {}

  async list(personId: string): Promise<KeyView[]> {
    return (await this.deps.keys.listForPerson(personId)).map(keyView);
  }

  /**
   * Removes one of the actor's own keys. Someone with a key is by definition keyed, so removal always
   * needs an elevated session (see key-change-policy.ts); a lost key is removed by an administrator.
   */
  async remove(actor: KeyActor, keyId: string, origin: RequestOrigin): Promise<void> {
    const { personId } = actor.person;
    const owned = (await this.deps.keys.listForPerson(personId)).some((key) => key.keyId === keyId);
    if (!owned) throw new KeyNotFoundError();
    if (!actor.elevated) throw new ElevationRequiredError();
    if (!(await this.deps.keys.delete(personId, keyId))) throw new KeyNotFoundError();
    await this.deps.securityLog.append({
      personId,
      type: 'key-removed',
      schoolId: actor.schoolId,
      ...origin,
    });
    if (!(await this.deps.keys.hasAny(personId))) await this.deps.sessions.dropElevation(actor.sessionHash);
  }

  /** Removes every key of a person (for the administrators' "remove this user's keys"); returns how many. */
  async removeAllForPerson(personId: string): Promise<number> {
    return this.deps.keys.removeAllForPerson(personId);
  }
}
