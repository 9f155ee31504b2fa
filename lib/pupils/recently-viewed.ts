/**
 * Notes that a person opened a pupil's record, for the dashboard's "recently viewed" (REC-10; read by
 * lib/dashboard). One item per person and pupil, replaced on each view, gone by TTL after 30 days.
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dashboardKeys } from '../data/keys';
import type { PupilSummary } from './pupil';

const KEEP_FOR_SECONDS = 30 * 24 * 60 * 60;

export class RecentlyViewed {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(schoolId: string, personId: string, pupil: PupilSummary, viewedAt: Date): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...dashboardKeys.viewed(schoolId, personId, pupil.pupilId),
          itemType: 'DashboardEntry',
          ...pupil,
          viewedAt: viewedAt.toISOString(),
          expiresAt: Math.floor(viewedAt.getTime() / 1000) + KEEP_FOR_SECONDS,
        },
      }),
    );
  }
}
