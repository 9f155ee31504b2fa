/**
 * Why a key operation was refused. Each carries the reason for the person's own security log, in
 * fixed words: never a code, secret or credential material.
 */
import type { KeyType } from './second-factor-key';

/** Someone who already has a key must elevate before adding or removing one (key-change-policy.ts). */
export class ElevationRequiredError extends Error {
  constructor() {
    super('Elevate your access before changing your keys.');
    this.name = 'ElevationRequiredError';
  }
}

export type RegistrationRefusal =
  | 'wrong code'
  | 'registration expired'
  | 'registration already used'
  | 'no challenge'
  | 'key response not valid'
  | 'key already registered';

export class KeyRegistrationRefusedError extends Error {
  constructor(
    readonly keyType: KeyType,
    readonly reason: RegistrationRefusal,
  ) {
    super(`Key registration refused: ${reason}`);
    this.name = 'KeyRegistrationRefusedError';
  }
}

export type ElevationRefusal =
  | 'wrong code'
  | 'code already used'
  | 'no challenge'
  | 'unknown key'
  | 'key response not valid'
  | 'too many attempts'
  | 'session changed';

export class ElevationRefusedError extends Error {
  constructor(
    readonly method: KeyType,
    readonly reason: ElevationRefusal,
  ) {
    super(`Elevation refused: ${reason}`);
    this.name = 'ElevationRefusedError';
  }
}

export class KeyNotFoundError extends Error {
  constructor() {
    super('You have no key with that id.');
    this.name = 'KeyNotFoundError';
  }
}

/** Asked for a security key challenge without having a security key or passkey. */
export class NoWebAuthnKeyError extends Error {
  constructor() {
    super('You have no security key or passkey.');
    this.name = 'NoWebAuthnKeyError';
  }
}
