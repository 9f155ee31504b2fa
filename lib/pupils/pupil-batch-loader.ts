/**
 * Writes many new pupils at once (demo data; the MIS import's first load): profiles, their index items,
 * contacts and links, with BatchWriteItem, 25 items a call, several calls at a time, retrying what
 * DynamoDB leaves unprocessed. Puts overwrite, so loading the same pupils again changes nothing; it is
 * for pupils not yet stored (an edit since would be overwritten).
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { contactItem } from './contact-repository';
import { linkItem } from './link-repository';
import type { Contact, Pupil, PupilLink } from './pupil';
import { allItemsOf } from './pupil-items';

const BATCH_SIZE = 25;
const CONCURRENT_BATCHES = 12;

export interface PupilLoad {
  readonly schoolId: string;
  readonly pupils: readonly Pupil[];
  readonly contacts: readonly Contact[];
  readonly links: readonly PupilLink[];
}

export async function loadPupils(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  load: PupilLoad,
): Promise<number> {
  const items = [
    ...load.pupils.flatMap(allItemsOf),
    ...load.contacts.map((contact) => contactItem(load.schoolId, contact)),
    ...load.links.map((link) => linkItem(load.schoolId, link)),
  ];
  const batches: Record<string, unknown>[][] = [];
  for (let index = 0; index < items.length; index += BATCH_SIZE)
    batches.push(items.slice(index, index + BATCH_SIZE));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] ?? [];
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (result.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
          request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, worker));
  return items.length;
}
