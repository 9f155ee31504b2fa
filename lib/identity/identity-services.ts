/** Wires the identity repositories and the sign-in service over one table. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MembershipRepository } from './membership-repository';
import { PersonRepository } from './person-repository';
import { SecurityLog } from './security-log';
import { SessionRepository } from './session-repository';
import { SignInService } from './sign-in-service';
import { SignInThrottle } from './sign-in-throttle';

export interface IdentityServices {
  readonly people: PersonRepository;
  readonly memberships: MembershipRepository;
  readonly sessions: SessionRepository;
  readonly securityLog: SecurityLog;
  readonly signIn: SignInService;
}

export function createIdentityServices(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  now?: () => Date,
): IdentityServices {
  const people = new PersonRepository(dynamo, tableName);
  const memberships = new MembershipRepository(dynamo, tableName);
  const sessions = new SessionRepository(dynamo, tableName);
  const securityLog = new SecurityLog(dynamo, tableName, now);
  const throttle = new SignInThrottle(dynamo, tableName);
  const signIn = new SignInService({
    people,
    memberships,
    sessions,
    securityLog,
    throttle,
    ...(now ? { now } : {}),
  });
  return { people, memberships, sessions, securityLog, signIn };
}
