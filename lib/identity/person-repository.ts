/** Stores people and their email guards; owns the Person and EmailGuard keys. */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createWithUniqueGuard, UniqueValueTakenError } from '../data/guarded-create';
import { personKeys } from '../data/keys';
import { PersonSchema, type Person } from './identity';

export class DuplicateEmailError extends Error {
  constructor() {
    super('A person with this email already exists.');
    this.name = 'DuplicateEmailError';
  }
}

export class PersonRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Creates the person and claims the email in one transaction: one person per email. */
  async create(person: Person): Promise<void> {
    try {
      await createWithUniqueGuard(
        this.dynamo,
        this.tableName,
        { ...personKeys.emailGuard(person.email), itemType: 'EmailGuard', personId: person.personId },
        { ...personKeys.profile(person.personId), itemType: 'Person', ...PersonSchema.parse(person) },
      );
    } catch (error) {
      if (error instanceof UniqueValueTakenError) throw new DuplicateEmailError();
      throw error;
    }
  }

  async get(personId: string): Promise<Person | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: personKeys.profile(personId), ConsistentRead: true }),
    );
    return result.Item ? PersonSchema.parse(result.Item) : undefined;
  }

  async findByEmail(normalisedEmail: string): Promise<Person | undefined> {
    const guard = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: personKeys.emailGuard(normalisedEmail) }),
    );
    const personId: unknown = guard.Item?.personId;
    return typeof personId === 'string' ? this.get(personId) : undefined;
  }

  /** Counts a failed sign-in atomically and returns the new count. */
  async recordFailedSignIn(
    personId: string,
    lockedUntil: (failures: number) => string | undefined,
  ): Promise<number> {
    const result = await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: personKeys.profile(personId),
        UpdateExpression: 'ADD failedSignIns :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const failures = Number(result.Attributes?.failedSignIns ?? 0);
    const until = lockedUntil(failures);
    if (until) {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: personKeys.profile(personId),
          UpdateExpression: 'SET lockedUntil = :until',
          ExpressionAttributeValues: { ':until': until },
        }),
      );
    }
    return failures;
  }

  /** After a successful sign-in, or when an administrator unlocks the account. */
  async clearFailedSignIns(personId: string, now: string): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: personKeys.profile(personId),
        UpdateExpression: 'SET failedSignIns = :zero, updatedAt = :now REMOVE lockedUntil',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':zero': 0, ':now': now },
      }),
    );
  }

  async setPasswordHash(personId: string, passwordHash: string, now: string): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: personKeys.profile(personId),
        UpdateExpression:
          'SET passwordHash = :hash, updatedAt = :now, failedSignIns = :zero REMOVE lockedUntil',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':hash': passwordHash, ':now': now, ':zero': 0 },
      }),
    );
  }
}
