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
  }
}
