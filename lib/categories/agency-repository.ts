/** Stores a school's agencies (who a referral went to) and their name guards; owns the Agency and AgencyName keys. */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { categoryKeys } from '../data/keys';
import { getItem, queryAll } from '../data/school-collection';
import { AgencySchema, type Agency } from './category';
import { failedConditions, type TransactWriteItem } from './transact-item';

export class AgencyNameTakenError extends Error {
  constructor() {
    super('Another agency already has this name.');
    this.name = 'AgencyNameTakenError';
  }
}

/** The agency changed since it was read, or no longer exists. */
export class StaleAgencyError extends Error {
  constructor() {
    super('The agency has changed or no longer exists.');
    this.name = 'StaleAgencyError';
  }
}

function nameGuard(agency: Pick<Agency, 'schoolId' | 'name' | 'agencyId'>) {
  return {
    ...categoryKeys.agencyName(agency.schoolId, agency.name),
    itemType: 'AgencyName',
    agencyId: agency.agencyId,
  };
}

function toItem(agency: Agency): Record<string, unknown> {
  return {
    ...categoryKeys.agency(agency.schoolId, agency.agencyId),
    itemType: 'Agency',
    ...AgencySchema.parse(agency),
  };
}

export class AgencyRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The items that create these agencies with their name guards, for a new school's transaction. */
  static itemsFor(agencies: readonly Agency[]): Record<string, unknown>[] {
    return agencies.flatMap((agency) => [nameGuard(agency), toItem(agency)]);
  }

  /** Every agency of a school, disabled ones included, by name; one Query. */
  async list(schoolId: string): Promise<Agency[]> {
    const agencies = await queryAll(
      this.dynamo,
      this.tableName,
      categoryKeys.categoryPartition(schoolId),
      categoryKeys.agencyPrefix,
      AgencySchema,
    );
    return agencies.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  }

  get(schoolId: string, agencyId: string): Promise<Agency | undefined> {
    return getItem(this.dynamo, this.tableName, categoryKeys.agency(schoolId, agencyId), AgencySchema);
  }

  /** Creates the agency and claims its name in one transaction. */
  async create(agency: Agency): Promise<void> {
    await this.write(
      AgencyRepository.itemsFor([agency]).map((Item) => ({
        Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' },
      })),
      () => new AgencyNameTakenError(),
    );
  }

  /** Saves a new name or disabled flag if the stored version is still `previous.version`; a rename moves the guard. */
  async update(previous: Agency, next: Agency): Promise<void> {
    const oldGuard = categoryKeys.agencyName(previous.schoolId, previous.name);
    const renamed = oldGuard.SK !== categoryKeys.agencyName(next.schoolId, next.name).SK;
    await this.write(
      [
        {
          Update: {
            TableName: this.tableName,
            Key: categoryKeys.agency(next.schoolId, next.agencyId),
            UpdateExpression: 'SET #name = :name, disabled = :disabled, updatedAt = :at, version = :version',
            ConditionExpression: 'version = :previousVersion',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: {
              ':name': next.name,
              ':disabled': next.disabled,
              ':at': next.updatedAt,
              ':version': next.version,
              ':previousVersion': previous.version,
            },
          },
        },
        ...(renamed
          ? [
              { Delete: { TableName: this.tableName, Key: oldGuard } },
              {
                Put: {
                  TableName: this.tableName,
                  Item: nameGuard(next),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ]
          : []),
      ],
      (failed) => (failed.includes(0) ? new StaleAgencyError() : new AgencyNameTakenError()),
    );
  }

  private async write(
    items: readonly TransactWriteItem[],
    refusal: (failed: number[]) => Error,
  ): Promise<void> {
    try {
      await this.dynamo.send(new TransactWriteCommand({ TransactItems: [...items] }));
    } catch (error) {
      const failed = failedConditions(error);
      throw failed !== undefined && failed.length > 0 ? refusal(failed) : error;
    }
  }
}
