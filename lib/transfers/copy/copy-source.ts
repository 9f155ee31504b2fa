/**
 * Reads the previous school's pupil partition for a transfer: one Query over the DOC# and ENTRY# ranges
 * (they sort next to each other), paged, so vault documents come first and then the chronology, each
 * incident directly followed by the actions on it. Only reads; the previous school's records are never
 * written by a transfer.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chronologyKeys, documentKeys, pupilKeys } from '../../data/keys';
import {
  CHRONOLOGY_ACTION,
  CHRONOLOGY_INCIDENT,
  ChronologyActionSchema,
  ChronologyIncidentSchema,
  type ChronologyAction,
  type ChronologyIncident,
} from '../../incidents/chronology-entry';
import { VaultDocumentSchema, type VaultDocument } from '../../documents/document';

export type SourceItem =
  | { readonly kind: 'incident'; readonly record: ChronologyIncident }
  | {
      readonly kind: 'action';
      readonly record: ChronologyAction;
      /** Its incident's time, which only the action's sort key carries (its copy is keyed under it). */
      readonly incidentOccurredAt: string;
    }
  | { readonly kind: 'document'; readonly record: VaultDocument };

export interface SourcePage {
  readonly items: SourceItem[];
  /** The sort key the page ended at, when there is more. */
  readonly lastSortKey?: string;
}

const HIGHEST_CODE_POINT = '\u{10FFFF}';

/** ENTRY#<incident occurredAt>#<incidentId>#ACTION#… (lib/data/keys.ts chronologyKeys.action). */
function incidentTimeOf(sortKey: string): string {
  const [entry, occurredAt] = sortKey.split('#');
  if (`${entry}#` !== chronologyKeys.prefix || !occurredAt)
    throw new Error(`Not an action's sort key: ${sortKey}`);
  return occurredAt;
}

function itemOf(raw: Record<string, unknown>): SourceItem | undefined {
  switch (raw.itemType) {
    case CHRONOLOGY_INCIDENT:
      return { kind: 'incident', record: ChronologyIncidentSchema.parse(raw) };
    case CHRONOLOGY_ACTION:
      return {
        kind: 'action',
        record: ChronologyActionSchema.parse(raw),
        incidentOccurredAt: incidentTimeOf(String(raw.SK)),
      };
    case 'VaultDocument':
      return { kind: 'document', record: VaultDocumentSchema.parse(raw) };
    default:
      // Pins and anything else sorting in the range carry nothing that moves.
      return undefined;
  }
}

/**
 * One pupil's vault and chronology items, in sort-key order, a page at a time. Every item of a pupil's
 * partition lies under SCHOOL#<s>#PUPIL#<p>; DOC# sorts just before ENTRY#, so one range covers both.
 */
export async function readRecordPage(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schoolId: string,
  pupilId: string,
  afterSortKey: string | undefined,
  limit: number,
  /** The manifest reads what this copy has just written; the previous school's records need no more than eventual. */
  consistent = false,
): Promise<SourcePage> {
  const partition = pupilKeys.partition(schoolId, pupilId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': partition,
        ':from': documentKeys.documentPrefix,
        ':to': `${chronologyKeys.prefix}${HIGHEST_CODE_POINT}`,
      },
      ...(afterSortKey ? { ExclusiveStartKey: { PK: partition, SK: afterSortKey } } : {}),
      Limit: limit,
      ConsistentRead: consistent,
    }),
  );
  const items = (result.Items ?? []).flatMap((raw) => itemOf(raw) ?? []);
  const lastKey: unknown = result.LastEvaluatedKey?.SK;
  return { items, ...(typeof lastKey === 'string' ? { lastSortKey: lastKey } : {}) };
}

/** Every such item of the partition (for the plan, and for the manifest at the new school). */
export async function readAllRecords(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schoolId: string,
  pupilId: string,
  consistent = false,
): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  let after: string | undefined;
  do {
    const page = await readRecordPage(dynamo, tableName, schoolId, pupilId, after, 1000, consistent);
    items.push(...page.items);
    after = page.lastSortKey;
  } while (after);
  return items;
}
