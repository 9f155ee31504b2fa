/**
 * Reads what every staff request needs about its session and member in as few round trips as it can.
 *
 * The membership (is it still active, which group), the school's settings and the user group come in ONE
 * BatchGet. The group's id is only known from the membership, so the reader remembers, per container, the
 * group each person was last seen in and asks for it in the same batch; when the membership says
 * otherwise (they were moved) it reads the right group in a second call.
 *
 * Likewise it remembers whose each recently seen session is, so the next request on that session reads
 * the session item in that same batch: one round trip for a warm container instead of two. The session
 * read is always authoritative: when it names another school or person than remembered (the person
 * switched school), the member is read again for what it says.
 *
 * Hints only choose which items to fetch; everything used is read fresh and consistently.
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessKeys, membershipKeys, sessionKeys, type TableKey } from '../data/keys';
import { MembershipSchema, SessionSchema, type Membership, type Session } from '../identity/identity';
import { defaultSchoolSettings, SchoolSettingsSchema, type SchoolSettings } from './school-settings';
import { UserGroupSchema, type UserGroup } from './user-group';
import type { UserGroupRepository } from './user-group-repository';

export interface MemberAccessFacts {
  readonly membership: Membership | undefined;
  readonly settings: SchoolSettings;
  readonly group: UserGroup | undefined;
}

/** A session read together with its member, when the container has seen the session before. */
export interface SessionWithMember {
  readonly session: Session | undefined;
  /** Absent when the session was not found or belongs elsewhere than remembered. */
  readonly member?: MemberAccessFacts;
}

/** Unprocessed keys are retried this many times (DynamoDB returns them under throttling). */
const MAX_BATCH_ATTEMPTS = 5;

/** Sessions remembered per container; the oldest is forgotten first. Each costs well under 200 bytes. */
const MAX_REMEMBERED_SESSIONS = 5_000;

interface SessionOwner {
  readonly schoolId: string;
  readonly personId: string;
}

export class MemberAccessReader {
  private readonly groupHints = new Map<string, string>();
  private readonly sessionOwners = new Map<string, SessionOwner>();

  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly groups: UserGroupRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The session and its member in one batch, for a session this container has seen before; undefined
   * when it has not (the caller reads the session, then `readFor` it).
   */
  async readWithSession(sessionHash: string): Promise<SessionWithMember | undefined> {
    const owner = this.sessionOwners.get(sessionHash);
    if (!owner) return undefined;
    const items = await this.batchGet([sessionKeys.session(sessionHash), ...this.memberKeys(owner)]);
    const storedSession = items.find((item) => item.itemType === 'Session');
    if (!storedSession) {
      this.sessionOwners.delete(sessionHash);
      return { session: undefined };
    }
    const session = SessionSchema.parse(storedSession);
    if (session.schoolId !== owner.schoolId || session.personId !== owner.personId) {
      return { session };
    }
    return { session, member: await this.factsFrom(owner.schoolId, owner.personId, items) };
  }

  /** The member behind a session just read; remembers whose the session is for its next request. */
  async readFor(session: Session): Promise<MemberAccessFacts> {
    this.sessionOwners.delete(session.sessionHash);
    this.sessionOwners.set(session.sessionHash, { schoolId: session.schoolId, personId: session.personId });
    if (this.sessionOwners.size > MAX_REMEMBERED_SESSIONS) {
      const oldest = this.sessionOwners.keys().next().value;
      if (oldest !== undefined) this.sessionOwners.delete(oldest);
    }
    return this.read(session.schoolId, session.personId);
  }

  async read(schoolId: string, personId: string): Promise<MemberAccessFacts> {
    const items = await this.batchGet(this.memberKeys({ schoolId, personId }));
    return this.factsFrom(schoolId, personId, items);
  }

  /** The membership, the settings and, when the container knows it, the person's group. */
  private memberKeys({ schoolId, personId }: SessionOwner): TableKey[] {
    const hintedGroupId = this.groupHints.get(`${schoolId}/${personId}`);
    return [
      membershipKeys.member(schoolId, personId),
      accessKeys.settings(schoolId),
      ...(hintedGroupId ? [accessKeys.userGroup(schoolId, hintedGroupId)] : []),
    ];
  }

  private async factsFrom(
    schoolId: string,
    personId: string,
    items: readonly Record<string, unknown>[],
  ): Promise<MemberAccessFacts> {
    const hintKey = `${schoolId}/${personId}`;
    const byType = (itemType: string) => items.find((item) => item.itemType === itemType);
    const storedMembership = byType('Membership');
    const membership = storedMembership ? MembershipSchema.parse(storedMembership) : undefined;
    const storedSettings = byType('SchoolSettings');
    const settings = storedSettings
      ? SchoolSettingsSchema.parse(storedSettings)
      : defaultSchoolSettings(schoolId, this.now().toISOString());
    const storedGroup = byType('UserGroup');
    let group = storedGroup ? UserGroupSchema.parse(storedGroup) : undefined;
    const groupId = membership?.groupId;
    if (groupId === undefined) {
      group = undefined;
      this.groupHints.delete(hintKey);
    } else {
      if (group?.groupId !== groupId) group = await this.groups.get(schoolId, groupId);
      this.groupHints.set(hintKey, groupId);
    }
    return { membership, settings, group };
  }

  private async batchGet(keys: TableKey[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    let pending: Record<string, unknown>[] = keys.map((key) => ({ ...key }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > MAX_BATCH_ATTEMPTS) throw new Error('DynamoDB left keys unprocessed after retries');
      const result = await this.dynamo.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      found.push(...(result.Responses?.[this.tableName] ?? []));
      pending = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return found;
  }
}
