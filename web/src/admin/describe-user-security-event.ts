/**
 * A user's security log entry in the words an administrator would use. Entry types this app does not
 * know yet (the API may add some) show as their name rather than hiding the entry.
 */
import type { UserSecurityEvent } from '../api/admin-users';

export interface UserEventDescription {
  text: string;
  /** Worth a second look: a refusal or lockout. */
  warning: boolean;
}

const PLAIN: Readonly<Record<string, UserEventDescription>> = {
  'sign-in': { text: 'Signed in', warning: false },
  'account-locked': { text: 'Sign-in locked after too many failed attempts', warning: true },
  'account-unlocked': { text: 'Sign-in unlocked', warning: false },
  'sign-out': { text: 'Signed out', warning: false },
  'sign-out-everywhere': { text: 'Signed out of all devices', warning: false },
  'school-switched': { text: 'Switched to this school', warning: false },
  'password-set': { text: 'Password set', warning: false },
  'password-reset-requested': { text: 'Link to set a password sent', warning: false },
  'key-registered': { text: 'Added a key', warning: false },
  elevated: { text: 'Elevated their access with a key', warning: false },
};

const WITH_REASON: Readonly<Record<string, string>> = {
  'sign-in-refused': 'Sign-in refused',
  'access-refused': 'Refused access',
  'key-removed': 'Keys removed',
  'key-registration-refused': 'Adding a key refused',
  'elevation-refused': 'Elevation refused',
};

const REASON_IS_WARNING: ReadonlySet<string> = new Set([
  'sign-in-refused',
  'access-refused',
  'key-registration-refused',
  'elevation-refused',
]);

export function describeUserSecurityEvent(event: UserSecurityEvent): UserEventDescription {
  const plain = PLAIN[event.type];
  if (plain) return plain;
  const heading = WITH_REASON[event.type];
  if (heading) {
    return {
      text: event.reason ? `${heading}: ${event.reason}` : heading,
      warning: REASON_IS_WARNING.has(event.type),
    };
  }
  return { text: event.reason ? `${event.type}: ${event.reason}` : event.type, warning: false };
}
