/** Wires the identity repositories and the sign-in service over one table. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SchoolSettingsRepository } from '../access/access-repositories';
import { KeyRepository } from './keys/key-repository';
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
  /** The person's second-factor keys (lib/identity/keys/), e.g. to say whether they have one. */
  readonly keys: KeyRepository;
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
  const settings = new SchoolSettingsRepository(dynamo, tableName, now);
  const signIn = new SignInService({
    people,
    memberships,
    sessions,
    securityLog,
    throttle,
    idleTimeoutSeconds: async (schoolId) => (await settings.get(schoolId)).idleTimeoutMinutes * 60,
    ...(now ? { now } : {}),
  });
  const keys = new KeyRepository(dynamo, tableName);
  return { people, memberships, sessions, securityLog, signIn, keys };
}
