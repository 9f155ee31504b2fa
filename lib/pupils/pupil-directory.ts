/**
 * Reads the index items that find pupils (PupilNameToken and ClassMember, owned by
 * pupil-repository.ts): a page of one name-token directory from a prefix, or a page of a class
 * register. Each item carries the pupil summary and searchName, so no profile is read.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { pupilKeys, type PupilDirectoryStatus } from '../data/keys';
import { PupilIndexEntrySchema, type PupilIndexEntry } from './pupil-items';
import { prefixRange } from '../data/prefix-range';

export interface DirectoryEntry extends PupilIndexEntry {
  /** The name part this item is filed under (for name tokens) or the sort name (for class members). */
  readonly filedUnder: string;
}

export interface DirectoryPage {
  readonly entries: DirectoryEntry[];
  readonly lastKey?: Record<string, unknown>;
}

export class PupilDirectory {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  namePartition(schoolId: string, status: PupilDirectoryStatus): string {
    return pupilKeys.nameTokenPartition(schoolId, status);
  }

  classPartition(schoolId: string, classId: string): string {
    return pupilKeys.classMembersPartition(schoolId, classId);
  }

  /** Up to `limit` name tokens starting with `prefix` (a normalised name part), in token order. */
  byNamePrefix(
    schoolId: string,
    status: PupilDirectoryStatus,
    prefix: string,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<DirectoryPage> {
    return this.page(
      {
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
        ExpressionAttributeValues: {
          ':pk': this.namePartition(schoolId, status),
          ...prefixRange(':prefix', prefix),
        },
      },
      limit,
      startKey,
    );
  }

  /** Up to `limit` members of a class, by sort name ("surname, forename"). */
  classMembers(
    schoolId: string,
    classId: string,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<DirectoryPage> {
    return this.page(
      {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': this.classPartition(schoolId, classId) },
      },
      limit,
      startKey,
    );
  }

  private async page(
    condition: Pick<
      ConstructorParameters<typeof QueryCommand>[0],
      'KeyConditionExpression' | 'ExpressionAttributeValues'
    >,
    limit: number,
    startKey: Record<string, unknown> | undefined,
  ): Promise<DirectoryPage> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        ...condition,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      entries: (result.Items ?? []).map((item) => ({
        ...PupilIndexEntrySchema.parse(item),
        filedUnder: String(item.SK).slice(0, String(item.SK).lastIndexOf('#')),
      })),
      ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}),
    };
  }
}
