/**
 * Creates what the Data and Schedules stacks create on AWS, on the stand-ins: the table (from
 * the same definition CDK uses), the buckets, the schedule group and the manifest's fixed schedules.
 * Safe to run on every start.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  PutBucketCorsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { RECURRING_SCHEDULES } from '../lib/config/function-manifest';
import { createTableInput, TTL_ATTRIBUTE } from '../lib/data/table-definition';
import { vaultCorsRule } from '../lib/documents/vault-cors';

/** Creates the table with its GSIs and TTL unless it exists. Returns true when it was created. */
export async function ensureTable(dynamodb: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await dynamodb.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
  return true;
}

export async function tableExists(dynamodb: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch {
    return false;
  }
}

export async function ensureBuckets(s3: S3Client, buckets: readonly string[]): Promise<void> {
  for (const bucket of buckets) {
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if (!(error instanceof BucketAlreadyOwnedByYou) && (error as Error).name !== 'BucketAlreadyExists')
        throw error;
    }
  }
}

/** The vault bucket's CORS rule (the Data stack's), so the browser can POST uploads to the stand-in. */
export async function allowBrowserUploads(s3: S3Client, bucket: string, appOrigin: string): Promise<void> {
  const rule = vaultCorsRule(new URL(appOrigin).origin);
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: rule.allowedOrigins,
            AllowedMethods: rule.allowedMethods,
            AllowedHeaders: rule.allowedHeaders,
            MaxAgeSeconds: rule.maxAgeSeconds,
          },
        ],
      },
    }),
  );
}

export async function ensureScheduleGroup(scheduler: SchedulerClient, name: string): Promise<void> {
  try {
    await scheduler.send(new CreateScheduleGroupCommand({ Name: name }));
  } catch (error) {
    if (!(error instanceof ConflictException)) throw error;
  }
}

/**
 * Creates each RECURRING_SCHEDULES entry in the group unless it is there, targeting the task function
 * by the ARN `taskArn` gives it (the local invoker's ARN for that task).
 */
export async function ensureRecurringSchedules(
  scheduler: SchedulerClient,
  groupName: string,
  taskArn: (taskId: string) => string,
  roleArn: string,
): Promise<void> {
  for (const recurring of RECURRING_SCHEDULES) {
    try {
      await scheduler.send(
        new CreateScheduleCommand({
          Name: recurring.id,
          GroupName: groupName,
          ScheduleExpression: recurring.expression,
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: taskArn(recurring.taskId), RoleArn: roleArn, Input: '{}' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
    }
  }
}
