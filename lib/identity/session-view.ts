/**
 * What the web app learns about its own session: who, which school, where else, whether it is
 * elevated or could be (the person has a key), and the CSRF token.
 */
import type { z } from 'zod';
import type { SessionViewSchema } from './auth-api';
import type { Membership, Person, Session } from './identity';
import type { IdentityServices } from './identity-services';

export type SessionView = z.infer<typeof SessionViewSchema>;

export function sessionView(
  person: Person,
  session: Session,
  memberships: readonly Membership[],
  hasKey: boolean,
): SessionView {
  const schools = memberships
    .filter((membership) => membership.status === 'active')
    .map((membership) => ({ schoolId: membership.schoolId, name: membership.schoolName }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const school = schools.find((candidate) => candidate.schoolId === session.schoolId);
  if (!school) throw new Error('The session is in a school the person is not an active member of');
  return {
    person: { personId: person.personId, email: person.email, displayName: person.displayName },
    school,
    schools,
    elevated: session.elevated,
    hasKey,
    csrfToken: session.csrfToken,
    idleTimeoutSeconds: session.idleTimeoutSeconds,
  };
}

/** Reads the session, person, memberships and whether they have a key afresh (four reads) and describes them. */
export async function describeSession(
  identity: IdentityServices,
  sessionHash: string,
): Promise<SessionView | undefined> {
  const session = await identity.sessions.get(sessionHash);
  if (!session) return undefined;
  const [person, memberships, hasKey] = await Promise.all([
    identity.people.get(session.personId),
    identity.memberships.listForPerson(session.personId),
    identity.keys.hasAny(session.personId),
  ]);
  return person ? sessionView(person, session, memberships, hasKey) : undefined;
}
