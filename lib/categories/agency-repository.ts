/** Stores a school's agencies (who a referral went to); owns the Agency keys. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { categoryKeys } from '../data/keys';
import { getItem, queryAll } from '../data/school-collection';
import { AgencySchema, type Agency } from './category';

export class AgencyRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

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
}
