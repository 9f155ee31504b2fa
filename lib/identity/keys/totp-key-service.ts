/**
 * Authenticator-app (TOTP) keys: registering one in two steps (the server makes the secret and shows
 * it once; the person proves their app has it with a code) and checking a code for elevation. Secrets
 * are only ever stored KMS-encrypted, and each accepted code's time step is stored so it works once.
 */
import { randomUUID } from 'node:crypto';
import type { SecurityLog } from '../security-log';
import type { RequestOrigin } from '../sign-in-service';
import { createTotpSecret, totpUri, verifyTotp } from '../totp';
import type { TotpSecretCipher } from './key-encryption';
import { requireElevationIfKeyed, type KeyActor } from './key-change-policy';
import { KeyRegistrationRefusedError, type ElevationRefusal } from './key-errors';
import type { KeyRepository } from './key-repository';
import { keyView, type KeyView, type TotpKey } from './second-factor-key';
import type { TotpRegistrationRepository } from './totp-registration-repository';

/** Long enough to scan a code and type one in; short enough that an abandoned secret soon goes. */
export const TOTP_REGISTRATION_TTL_SECONDS = 10 * 60;

export interface StartedTotpRegistration {
  readonly registrationId: string;
  /** base32, shown once for typing into an app that cannot scan. */
  readonly secret: string;
  readonly otpauthUri: string;
  readonly expiresAt: string;
}

export type TotpVerdict = { accepted: true; keyId: string } | { accepted: false; reason: ElevationRefusal };

export interface TotpKeyServiceDependencies {
  readonly keys: KeyRepository;
  readonly registrations: TotpRegistrationRepository;
  readonly cipher: TotpSecretCipher;
  readonly securityLog: SecurityLog;
  readonly now?: () => Date;
}

export class TotpKeyService {
  private readonly now: () => Date;

  constructor(private readonly deps: TotpKeyServiceDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async startRegistration(actor: KeyActor): Promise<StartedTotpRegistration> {
    await requireElevationIfKeyed(this.deps.keys, actor);
    const now = this.now();
    const { personId } = actor.person;
    const secret = createTotpSecret();
    const registrationId = randomUUID();
    const expiresAt = Math.floor(now.getTime() / 1000) + TOTP_REGISTRATION_TTL_SECONDS;
    await this.deps.registrations.create({
      registrationId,
      personId,
      encryptedSecret: await this.deps.cipher.encrypt(personId, secret),
      createdAt: now.toISOString(),
      expiresAt,
    });
    return {
      registrationId,
      secret,
      otpauthUri: totpUri({ secret, accountName: actor.person.email }),
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    };
  }

  async confirmRegistration(
    actor: KeyActor,
    input: { registrationId: string; code: string; label: string },
    origin: RequestOrigin,
  ): Promise<KeyView> {
    await requireElevationIfKeyed(this.deps.keys, actor);
    const now = this.now();
    const { personId } = actor.person;
    const registration = await this.deps.registrations.get(personId, input.registrationId, now);
    if (!registration) return this.refuse(actor, 'registration expired', origin);
    const secret = await this.deps.cipher.decrypt(personId, registration.encryptedSecret);
    const result = await verifyTotp({ secret, code: input.code, now });
    if (!result.valid || result.step === undefined) return this.refuse(actor, 'wrong code', origin);
    const key: TotpKey = {
      type: 'totp',
      keyId: randomUUID(),
      personId,
      label: input.label,
      createdAt: now.toISOString(),
      encryptedSecret: registration.encryptedSecret,
      // The confirming code counts as used: it cannot then also elevate a session.
      lastUsedStep: result.step,
    };
    if (!(await this.deps.registrations.complete(registration, key))) {
      return this.refuse(actor, 'registration already used', origin);
    }
    await this.deps.securityLog.append({
      personId,
      type: 'key-registered',
      schoolId: actor.schoolId,
      ...origin,
    });
    return keyView(key);
  }

  /**
   * Checks a code against each of the person's authenticator-app keys. An accepted code's step is
   * recorded before the answer is given, so the same code never elevates twice.
   */
  async verifyCode(personId: string, code: string): Promise<TotpVerdict> {
    const now = this.now();
    const totpKeys = (await this.deps.keys.listForPerson(personId)).filter(
      (key): key is TotpKey => key.type === 'totp',
    );
    let reason: ElevationRefusal = 'wrong code';
    for (const key of totpKeys) {
      const secret = await this.deps.cipher.decrypt(personId, key.encryptedSecret);
      const fresh = await verifyTotp({ secret, code, now, lastUsedStep: key.lastUsedStep });
      if (fresh.valid && fresh.step !== undefined) {
        const recorded = await this.deps.keys.recordTotpUse(
          personId,
          key.keyId,
          fresh.step,
          now.toISOString(),
        );
        // Another request used this code first.
        if (!recorded) return { accepted: false, reason: 'code already used' };
        return { accepted: true, keyId: key.keyId };
      }
      // Only to word the person's own security log: the caller is told the same either way.
      if ((await verifyTotp({ secret, code, now })).valid) reason = 'code already used';
    }
    return { accepted: false, reason };
  }

  private async refuse(
    actor: KeyActor,
    reason: KeyRegistrationRefusedError['reason'],
    origin: RequestOrigin,
  ): Promise<never> {
    await this.deps.securityLog.append({
      personId: actor.person.personId,
      type: 'key-registration-refused',
      schoolId: actor.schoolId,
      reason,
      ...origin,
    });
    throw new KeyRegistrationRefusedError('totp', reason);
  }
}
