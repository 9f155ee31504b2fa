/**
 * Writes many new pupils at once (demo data; the MIS import's first load): profiles, their index items,
 * contacts and links, with BatchWriteItem, 25 items a call, several calls at a time, retrying what
 * DynamoDB leaves unprocessed. Puts overwrite, so loading the same pupils again changes nothing; it is
 * for pupils not yet stored (an edit since would be overwritten).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../data/batch-write';
import { contactItem } from './contact-repository';
import { linkItem } from './link-repository';
import type { Contact, Pupil, PupilLink } from './pupil';
import { allItemsOf } from './pupil-items';

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
  await batchWriteAll(
    dynamo,
    tableName,
    items.map((Item) => ({ PutRequest: { Item } })),
    CONCURRENT_BATCHES,
  );
  return items.length;
}
