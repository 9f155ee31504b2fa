/** Stores people and their email guards; owns the Person and EmailGuard keys. */
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createWithUniqueGuard, UniqueValueTakenError } from '../data/guarded-create';
import { personKeys, type TableKey } from '../data/keys';
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

  /**
   * The person with this email (trust staff keep one sign-in across schools), or a new one without a
   * password. Two admins adding the same email at once both end up with the one person.
   */
  async findOrCreate(email: string, displayName: string, at: string): Promise<Person> {
    const existing = await this.findByEmail(email);
    if (existing) return existing;
    const person: Person = {
      personId: randomUUID(),
      email,
      displayName,
      failedSignIns: 0,
      createdAt: at,
      updatedAt: at,
    };
    try {
      await this.create(person);
      return person;
    } catch (error) {
      if (!(error instanceof DuplicateEmailError)) throw error;
      const raced = await this.findByEmail(email);
      if (!raced) throw error;
      return raced;
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

  /** Several people by id (BatchGet, retried until every key is answered). */
  async getMany(personIds: readonly string[]): Promise<Map<string, Person>> {
    const found = new Map<string, Person>();
    const unique = [...new Set(personIds)];
    for (let index = 0; index < unique.length; index += 100) {
      let keys: Record<string, unknown>[] = unique
        .slice(index, index + 100)
        .map((id): Record<string, unknown> => ({ ...personKeys.profile(id) }));
      while (keys.length > 0) {
        const result = await this.dynamo.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const person = PersonSchema.parse(item);
          found.set(person.personId, person);
        }
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  /**
   * Moves a person to a new email: the old guard goes, the new one is claimed (DuplicateEmailError
   * if taken), and the person and each listed membership copy change, all in one transaction.
   */
  async changeEmail(
    person: Person,
    newEmail: string,
    membershipKeysToUpdate: readonly TableKey[],
    at: string,
  ): Promise<void> {
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...personKeys.emailGuard(newEmail),
                  itemType: 'EmailGuard',
                  personId: person.personId,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Delete: {
                TableName: this.tableName,
                Key: personKeys.emailGuard(person.email),
                ConditionExpression: 'personId = :person',
                ExpressionAttributeValues: { ':person': person.personId },
              },
            },
            ...[personKeys.profile(person.personId), ...membershipKeysToUpdate].map((Key) => ({
              Update: {
                TableName: this.tableName,
                Key,
                UpdateExpression: 'SET email = :email, updatedAt = :at',
                ConditionExpression: 'email = :old',
                ExpressionAttributeValues: { ':email': newEmail, ':old': person.email, ':at': at },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        throw new DuplicateEmailError();
      }
      throw error;
    }
  }

  async setDisplayName(personId: string, displayName: string, at: string): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: personKeys.profile(personId),
        UpdateExpression: 'SET displayName = :name, updatedAt = :at',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':name': displayName, ':at': at },
      }),
    );
  }
}
