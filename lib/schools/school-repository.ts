/** Stores schools; owns the School and SchoolUrnGuard keys (see lib/data/keys.ts). */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createWithUniqueGuard, UniqueValueTakenError } from '../data/guarded-create';
import { schoolKeys } from '../data/keys';
import { decodeCursor, encodeCursor, type Page } from '../data/page-cursor';
import { normaliseName, SchoolSchema, type School } from './school';

export class DuplicateUrnError extends Error {
  constructor(readonly urn: string) {
    super(`A school with URN ${urn} already exists.`);
    this.name = 'DuplicateUrnError';
  }
}

function toItem(school: School): Record<string, unknown> {
  return {
    ...schoolKeys.profile(school.schoolId),
    GSI1PK: schoolKeys.listPartition,
    GSI1SK: schoolKeys.listSortKey(normaliseName(school.name), school.schoolId),
    itemType: 'School',
    ...school,
  };
}

export class SchoolRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creates the school, claims its URN and writes its starting items (default user groups) in one
   * transaction: all or nothing.
   */
  async create(school: School, startingItems: readonly Record<string, unknown>[] = []): Promise<void> {
    try {
      await createWithUniqueGuard(
        this.dynamo,
        this.tableName,
        { ...schoolKeys.urnGuard(school.urn), itemType: 'SchoolUrnGuard', schoolId: school.schoolId },
        toItem(school),
        startingItems,
      );
    } catch (error) {
      if (error instanceof UniqueValueTakenError) throw new DuplicateUrnError(school.urn);
      throw error;
    }
  }

  async get(schoolId: string): Promise<School | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: schoolKeys.profile(schoolId) }),
    );
    return result.Item ? SchoolSchema.parse(result.Item) : undefined;
  }

  /** The school that holds a URN, via its guard item. */
  async findIdByUrn(urn: string): Promise<string | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: schoolKeys.urnGuard(urn) }),
    );
    const schoolId: unknown = result.Item?.schoolId;
    return typeof schoolId === 'string' ? schoolId : undefined;
  }

  /** Schools in name order, one Query per page. */
  async list(limit: number, cursor?: string): Promise<Page<School>> {
    const partition = { GSI1PK: schoolKeys.listPartition };
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': schoolKeys.listPartition },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, partition),
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return {
      items: (result.Items ?? []).map((item) => SchoolSchema.parse(item)),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }
}
