/**
 * What a security log entry means, in the words a member of staff would use. The school is named
 * when the event happened in one of the person's schools.
 */
import type { SecurityEvent } from '../api/security-log';
import type { SchoolChoice } from '../api/session-view';

export interface EventDescription {
  text: string;
  /** Worth a second look: someone may be trying to get into this account. */
  warning: boolean;
}

/** Refusal reasons as the sign-in service records them, in plain words. */
const REFUSAL_REASONS: Readonly<Record<string, string>> = {
  'wrong password': 'wrong password',
  'account locked': 'account locked',
  'no password set yet': 'no password set yet',
  'no active school membership': 'no school to sign in to',
  'unknown email': 'email address not recognised',
};

/** Key refusal reasons (lib/identity/keys/key-errors.ts) in plain words. */
const KEY_REFUSAL_REASONS: Readonly<Record<string, string>> = {
  'wrong code': 'wrong code',
  'code already used': 'code already used',
  'registration expired': 'took too long',
  'registration already used': 'already added',
  'no challenge': 'took too long or was already used',
  'unknown key': 'key not recognised',
  'key response not valid': 'key not accepted',
  'key already registered': 'key already added',
  'too many attempts': 'too many attempts',
  'session changed': 'school switched meanwhile',
};

function withReason(text: string, reason: string | undefined): string {
  return reason ? `${text}: ${KEY_REFUSAL_REASONS[reason] ?? reason}` : text;
}

export function describeSecurityEvent(
  event: SecurityEvent,
  schools: readonly SchoolChoice[],
): EventDescription {
  const school = schools.find((choice) => choice.schoolId === event.schoolId)?.name;
  switch (event.type) {
    case 'sign-in':
      return { text: school ? `Signed in to ${school}` : 'Signed in', warning: false };
    case 'sign-in-refused': {
      const reason = event.reason ? (REFUSAL_REASONS[event.reason] ?? event.reason) : undefined;
      return { text: reason ? `Sign-in refused: ${reason}` : 'Sign-in refused', warning: true };
    }
    case 'account-locked':
      return { text: 'Account locked after too many failed sign-ins', warning: true };
    case 'sign-out':
      return { text: 'Signed out', warning: false };
    case 'sign-out-everywhere':
      return { text: 'Signed out of all devices', warning: false };
    case 'school-switched':
      return { text: school ? `Switched to ${school}` : 'Switched school', warning: false };
    case 'password-set':
      return { text: 'Password set', warning: false };
    case 'password-reset-requested':
      return { text: 'Password reset requested', warning: false };
    case 'account-unlocked':
      return { text: 'Account unlocked', warning: false };
    case 'access-refused':
      return { text: 'Access refused', warning: true };
    case 'key-registered':
      return { text: 'Key added', warning: false };
    case 'key-removed':
      return { text: 'Key removed', warning: false };
    case 'key-registration-refused':
      return { text: withReason('Adding a key refused', event.reason), warning: true };
    case 'elevated':
      return { text: school ? `Elevated your access in ${school}` : 'Elevated your access', warning: false };
    case 'elevation-refused':
      return { text: withReason('Elevating your access refused', event.reason), warning: true };
  }
}
