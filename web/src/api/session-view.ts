/**
 * The SessionView the sign-in API answers with (lib/identity/auth-api.ts): who is signed in, the school
 * they are working in, the schools they can switch to, whether the session is elevated (or could be:
 * the person has a second-factor key), and the CSRF token for changing requests.
 */
import { isNonEmptyString, isRecord } from './json-shapes';

export interface SchoolChoice {
  schoolId: string;
  name: string;
}

export interface SessionView {
  person: { personId: string; email: string; displayName: string };
  school: SchoolChoice;
  schools: SchoolChoice[];
  elevated: boolean;
  /** Offer "Elevate your access" when true, "Add a key" when false. */
  hasKey: boolean;
  csrfToken: string;
  idleTimeoutSeconds: number;
}

function parseSchool(value: unknown): SchoolChoice | undefined {
  if (!isRecord(value)) return undefined;
  const { schoolId, name } = value;
  return isNonEmptyString(schoolId) && typeof name === 'string' ? { schoolId, name } : undefined;
}

/** Validates a SessionView body; returns undefined if it is not one. */
export function parseSessionView(body: unknown): SessionView | undefined {
  if (!isRecord(body) || !isRecord(body.person)) return undefined;
  const { personId, email, displayName } = body.person;
  if (!isNonEmptyString(personId) || typeof email !== 'string' || typeof displayName !== 'string') {
    return undefined;
  }
  const school = parseSchool(body.school);
  if (!school || !Array.isArray(body.schools)) return undefined;
  const schools = body.schools.map(parseSchool);
  if (schools.some((choice) => choice === undefined)) return undefined;
  const { elevated, hasKey, csrfToken, idleTimeoutSeconds } = body;
  if (typeof elevated !== 'boolean' || typeof hasKey !== 'boolean' || !isNonEmptyString(csrfToken)) {
    return undefined;
  }
  // A session without a sensible idle timeout would never pause the screen: refuse it outright.
  if (
    typeof idleTimeoutSeconds !== 'number' ||
    !Number.isFinite(idleTimeoutSeconds) ||
    idleTimeoutSeconds <= 0
  ) {
    return undefined;
  }
  return {
    person: { personId, email, displayName },
    school,
    schools: schools as SchoolChoice[],
    elevated,
    hasKey,
    csrfToken,
    idleTimeoutSeconds,
  };
}
