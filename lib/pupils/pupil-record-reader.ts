/**
 * Reads a pupil's record from their partition without touching the chronology or the vault, which
 * are the large, ever-growing parts of it. The sort keys run CONTACT# < DOC# < ENTRY# < LINK# <
 * MONITOR# < PROFILE, so one Query cannot skip DOC# and ENTRY# in the middle; two Queries sent
 * together (CONTACT#…, then LINK# to PROFILE) cost one round trip and read only what the page shows.
 * Monitoring history alone is one Query: MONITOR# to PROFILE.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { pupilKeys, monitoringKeys } from '../data/keys';
import { MonitoringIntervalSchema, type MonitoringInterval } from '../monitoring/monitoring';
import {
  ContactSchema,
  PupilLinkSchema,
  PupilSchema,
  type Contact,
  type Pupil,
  type PupilLink,
} from './pupil';
import { prefixRange } from '../data/prefix-range';

export interface PupilRecordItems {
  readonly pupil: Pupil;
  readonly contacts: Contact[];
  readonly links: PupilLink[];
  readonly intervals: MonitoringInterval[];
}

export interface PupilMonitoringItems {
  readonly pupil: Pupil;
  readonly intervals: MonitoringInterval[];
}

type Item = Record<string, unknown>;

export class PupilRecordReader {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Profile, contacts, links and monitoring history; undefined when there is no such pupil. */
  async record(schoolId: string, pupilId: string): Promise<PupilRecordItems | undefined> {
    const [contactItems, rest] = await Promise.all([
      this.queryAll(pupilKeys.partition(schoolId, pupilId), 'SK BETWEEN :from AND :fromEnd', {
        ...prefixRange(':from', pupilKeys.contactPrefix),
      }),
      this.profileWithLinks(schoolId, pupilId),
    ]);
    return rest && { ...rest, contacts: contactItems.map((item) => ContactSchema.parse(item)) };
  }

  /** Profile, links and monitoring history (LINK# to PROFILE) in one Query: what an edit needs. */
  async profileWithLinks(
    schoolId: string,
    pupilId: string,
  ): Promise<Omit<PupilRecordItems, 'contacts'> | undefined> {
    const items = await this.queryAll(pupilKeys.partition(schoolId, pupilId), 'SK BETWEEN :from AND :to', {
      ':from': pupilKeys.linkPrefix,
      ':to': 'PROFILE',
    });
    const monitoring = withIntervals(items);
    return (
      monitoring && {
        ...monitoring,
        links: items
          .filter((item) => String(item.SK).startsWith(pupilKeys.linkPrefix))
          .map((item) => PupilLinkSchema.parse(item)),
      }
    );
  }

  /** Profile and monitoring history (MONITOR# to PROFILE) in one Query. */
  async monitoring(schoolId: string, pupilId: string): Promise<PupilMonitoringItems | undefined> {
    const items = await this.queryAll(pupilKeys.partition(schoolId, pupilId), 'SK BETWEEN :from AND :to', {
      ':from': monitoringKeys.intervalPrefix,
      ':to': 'PROFILE',
    });
    return withIntervals(items);
  }

  private async queryAll(
    partition: string,
    sortKeyCondition: string,
    values: Record<string, string>,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: `PK = :pk AND ${sortKeyCondition}`,
          ExpressionAttributeValues: { ':pk': partition, ...values },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

function withIntervals(items: readonly Item[]): PupilMonitoringItems | undefined {
  const profile = items.find((item) => item.SK === 'PROFILE');
  if (!profile) return undefined;
  return {
    pupil: PupilSchema.parse(profile),
    intervals: items
      .filter((item) => String(item.SK).startsWith(monitoringKeys.intervalPrefix))
      .map((item) => MonitoringIntervalSchema.parse(item)),
  };
}
