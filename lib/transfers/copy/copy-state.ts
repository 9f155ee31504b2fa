/**
 * The copy's durable plan and progress (TransferCopyState and TransferCopyPlan items beside the Transfer;
 * see lib/data/keys.ts). The plan is fixed once: which of the previous school's records move, the block of
 * the new school's incident numbers they take, and the Legacy category each category maps to. The state
 * item is written in the same transaction that moves the new school's incident counter past the block,
 * conditional on not existing, so a copy that is retried or raced reserves numbers exactly once.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { incidentKeys, transferCopyKeys } from '../../data/keys';
import { TransactionRefusedError, writeLabelled } from '../../incidents/labelled-transaction';
import type { CopyPlan } from './copy-plan';

const CountsSchema = z.object({
  incidents: z.number().int().min(0),
  actions: z.number().int().min(0),
  files: z.number().int().min(0),
});
export type CopyCounts = z.output<typeof CountsSchema>;

export const TransferCopyStateSchema = z
  .object({
    transferId: z.string().uuid(),
    /** The first of the reserved incident numbers (absent when no incident moves). */
    firstNumber: z.number().int().positive().optional(),
    planned: CountsSchema,
    /** The planning attempt whose chunks are the plan, and how many there are. */
    planId: z.string().regex(/^[0-9a-f]{8,32}$/),
    chunks: z.number().int().min(0),
    /** Previous school's category id → the new school's Legacy category id. */
    categoryMap: z.record(z.string(), z.string()),
    fallbackCategoryId: z.string(),
    /** The new school's name for the pupil, as its Incident items name their pupils. */
    toPupilName: z.string(),
    createdAt: z.iso.datetime(),
    /** Set once the manifest matched the plan: a later call only reads the manifest again. */
    completedAt: z.iso.datetime().optional(),
  })
  .strip();
export type TransferCopyState = z.output<typeof TransferCopyStateSchema>;

const PlanChunkSchema = z
  .object({
    incidentIds: z.array(z.string()),
    incidentNumbers: z.array(z.number().int().positive()),
    actionIds: z.array(z.string()),
    documentIds: z.array(z.string()),
  })
  .strip();

/** Ids per list per chunk: 2,500 × 3 lists of 36-character ids stays well under DynamoDB's 400 KB item. */
const CHUNK_IDS = 2_500;
const RESERVE_ATTEMPTS = 5;
const HIGHEST_CODE_POINT = '\u{10FFFF}';

export interface StoredCopy {
  readonly state: TransferCopyState;
  readonly plan: Omit<CopyPlan, 'categoryIds'>;
}

export function chunkCount(plan: Omit<CopyPlan, 'categoryIds'>): number {
  const longest = Math.max(plan.incidentIds.length, plan.actionIds.length, plan.documentIds.length);
  return Math.ceil(longest / CHUNK_IDS);
}

export class CopyStateRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The committed plan, or undefined before it is committed: one Query of the transfer's COPY items. */
  async load(transferId: string): Promise<StoredCopy | undefined> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': transferCopyKeys.partition(transferId),
            ':from': transferCopyKeys.prefix,
            ':to': `${transferCopyKeys.prefix}${HIGHEST_CODE_POINT}`,
          },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const stateItem = items.find((item) => item.SK === transferCopyKeys.state(transferId).SK);
    if (!stateItem) return undefined;
    const state = TransferCopyStateSchema.parse(stateItem);
    const chunks = Array.from({ length: state.chunks }, (_, index) => {
      const key = transferCopyKeys.plan(transferId, state.planId, index);
      const item = items.find((candidate) => candidate.SK === key.SK);
      if (!item) throw new Error(`Transfer ${transferId}: plan chunk ${index} is missing`);
      return PlanChunkSchema.parse(item);
    });
    return {
      state,
      plan: {
        incidentIds: chunks.flatMap((chunk) => chunk.incidentIds),
        incidentNumbers: chunks.flatMap((chunk) => chunk.incidentNumbers),
        actionIds: chunks.flatMap((chunk) => chunk.actionIds),
        documentIds: chunks.flatMap((chunk) => chunk.documentIds),
      },
    };
  }

  /**
   * Writes the plan's chunks under this planning attempt's id. Until a state item names that id nothing
   * reads them, so a planning attempt that stopped or lost a race leaves only unread chunks behind.
   */
  async putPlan(transferId: string, planId: string, plan: Omit<CopyPlan, 'categoryIds'>): Promise<number> {
    const count = chunkCount(plan);
    await Promise.all(
      Array.from({ length: count }, (_, index) => {
        const slice = <T>(values: readonly T[]) => values.slice(index * CHUNK_IDS, (index + 1) * CHUNK_IDS);
        return this.dynamo.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...transferCopyKeys.plan(transferId, planId, index),
              itemType: 'TransferCopyPlan',
              transferId,
              incidentIds: slice(plan.incidentIds),
              incidentNumbers: slice(plan.incidentNumbers),
              actionIds: slice(plan.actionIds),
              documentIds: slice(plan.documentIds),
            },
          }),
        );
      }),
    );
    return count;
  }

  /**
   * Reserves `state.planned.incidents` numbers from the new school's counter and stores the state, in one
   * transaction: the counter moves from the value read to that value plus the block, and the state item is
   * put only if absent. A state already stored (an earlier attempt got this far) is answered as it is.
   */
  async commit(
    newSchoolId: string,
    state: Omit<TransferCopyState, 'firstNumber'>,
  ): Promise<TransferCopyState> {
    const block = state.planned.incidents;
    const stateItem = { ...transferCopyKeys.state(state.transferId), itemType: 'TransferCopyState' };
    for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt += 1) {
      if (block === 0) {
        const stored = TransferCopyStateSchema.parse(state);
        try {
          await this.dynamo.send(
            new PutCommand({
              TableName: this.tableName,
              Item: { ...stateItem, ...stored },
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          );
          return stored;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) return this.stored(state.transferId);
          throw error;
        }
      }
      const before = await this.counter(newSchoolId);
      const stored = TransferCopyStateSchema.parse({ ...state, firstNumber: before + 1 });
      try {
        await writeLabelled(this.dynamo, [
          {
            label: 'state',
            item: {
              Put: {
                TableName: this.tableName,
                Item: { ...stateItem, ...stored },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          },
          {
            label: 'counter',
            item: {
              Update: {
                TableName: this.tableName,
                Key: incidentKeys.counter(newSchoolId),
                UpdateExpression: 'SET #value = :last, itemType = :type',
                ConditionExpression: 'attribute_not_exists(#value) OR #value = :before',
                ExpressionAttributeNames: { '#value': 'value' },
                ExpressionAttributeValues: {
                  ':last': before + block,
                  ':before': before,
                  ':type': 'IncidentCounter',
                },
              },
            },
          },
        ]);
        return stored;
      } catch (error) {
        if (!(error instanceof TransactionRefusedError)) throw error;
        if (error.labels.includes('state')) return this.stored(state.transferId);
        // Another incident took a number meanwhile: read the counter again and retry.
      }
    }
    throw new Error(`Transfer ${state.transferId}: the new school's incident counter kept moving`);
  }

  /** Marks the copy complete (once), so a later call reads the manifest without walking the records. */
  async markComplete(transferId: string, at: string): Promise<void> {
    await this.dynamo
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: transferCopyKeys.state(transferId),
          UpdateExpression: 'SET completedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(completedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  private async stored(transferId: string): Promise<TransferCopyState> {
    const loaded = await this.load(transferId);
    if (!loaded) throw new Error(`Transfer ${transferId}: the copy state vanished`);
    return loaded.state;
  }

  private async counter(schoolId: string): Promise<number> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: incidentKeys.counter(schoolId),
        ConsistentRead: true,
      }),
    );
    const value: unknown = result.Item?.value;
    return typeof value === 'number' ? value : 0;
  }
}
