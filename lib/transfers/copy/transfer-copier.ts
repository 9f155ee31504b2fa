/**
 * The transfer copy (TRF-4) and its manifest (BYD-2). The lifecycle calls `copy` from its Transferring
 * state in a loop, passing back the cursor each call returns, until it answers done with the manifest.
 *
 * 1. Plan (first call): read the previous school's pupil partition, decide what moves (copy-plan.ts),
 *    make sure the Legacy categories exist at the new school, store the plan and, in one transaction,
 *    reserve a block of the new school's incident numbers with the state item (copy-state.ts).
 * 2. Records: walk the previous school's partition a page at a time; every incident, action and file in
 *    the plan becomes the new school's (copy-records.ts), each item a Put conditional on not existing, an
 *    item this transfer already wrote counting as done (copy-writes.ts); files are copied under the new
 *    school's encryption context and their hashes checked (file-copy.ts). The cursor is the last sort key
 *    whose page was finished, so a call that crashed is repeated from the same cursor and writes only
 *    what is missing.
 * 3. Manifest: built from what is at the new school and checked against the plan; the state is marked
 *    complete, so calling again reads the manifest and writes nothing.
 *
 * The previous school's records are only read. Nothing here logs record content.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CategoryRepository } from '../../categories/category-repository';
import { vaultDocumentItem } from '../../documents/document-repository';
import type { VaultDocument } from '../../documents/document';
import type { ChronologyAction, ChronologyIncident } from '../../incidents/chronology-entry';
import {
  actionCopyPut,
  actionPut,
  categoryUsePut,
  copyPut,
  incidentNumberPut,
  incidentPut,
} from '../../incidents/incident-items';
import { PupilRepository } from '../../pupils/pupil-repository';
import type { TransactWriteItem } from '../../pupils/transact-write-item';
import { documentKeys } from '../../data/keys';
import { displayNameOf } from '../../pupils/pupil';
import type { TransferManifest } from '../transfer';
import { decodeCopyCursor, encodeCopyCursor } from './copy-cursor';
import { differencesFromPlan, manifestOf } from './copy-manifest';
import { planCopy } from './copy-plan';
import {
  newIdOf,
  transferFingerprint,
  transferredAction,
  transferredDocument,
  transferredIncident,
  type CopyContext,
} from './copy-records';
import { readAllRecords, readRecordPage, type SourceItem } from './copy-source';
import { CopyStateRepository, type StoredCopy } from './copy-state';
import { CopyWriter, markedBy, type CopyWrite } from './copy-writes';
import { VaultFileCopier } from './file-copy';
import { LegacyCategories } from './legacy-categories';

export interface CopyRequest {
  readonly transferId: string;
  readonly from: { readonly schoolId: string; readonly schoolName: string; readonly pupilId: string };
  readonly to: { readonly schoolId: string; readonly pupilId: string };
  /** The previous school's transferable category ids, as its settings stood at authorisation. */
  readonly categoryIds: readonly string[];
}

export type CopyProgress = { done: false; cursor: string } | { done: true; manifest: TransferManifest };

export interface TransferCopierDependencies {
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
  tableName: string;
  vaultBucket: string;
  keyId: string;
  now?: () => Date;
  /** Test hook: called before each write step with a label; a test throws from it to simulate a crash. */
  beforeWrite?: (step: string) => void;
  /** Items of the previous school's partition read per page (tests make it small to cross many pages). */
  pageItems?: number;
}

/** Items of the previous school's partition read per page (a page is finished before the cursor moves). */
const PAGE_ITEMS = 200;
const ITEM_WRITES_AT_ONCE = 16;
const FILES_AT_ONCE = 4;

/** Where each planned record sits in the plan. */
interface PlanIndex {
  readonly incidents: ReadonlyMap<string, { readonly position: number; readonly oldNumber: number }>;
  readonly actions: ReadonlySet<string>;
  readonly documents: ReadonlySet<string>;
}

function indexOf(stored: StoredCopy): PlanIndex {
  const { plan } = stored;
  return {
    incidents: new Map(
      plan.incidentIds.map((id, position) => [id, { position, oldNumber: plan.incidentNumbers[position]! }]),
    ),
    actions: new Set(plan.actionIds),
    documents: new Set(plan.documentIds),
  };
}

/** The category-use builder's Put, made conditional like every other first write of the copy. */
function conditional(write: TransactWriteItem): TransactWriteItem {
  if (!write.Put) throw new Error('Only a Put can be made conditional here');
  return { Put: { ...write.Put, ConditionExpression: 'attribute_not_exists(PK)' } };
}

/** Runs tasks `limit` at a time; once one fails no more are started, and the first error is rethrown. */
async function runLimited(tasks: readonly (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < tasks.length && !failure) {
      const task = tasks[next++]!;
      try {
        await task();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  if (failure) throw failure.error;
}

export class TransferCopier {
  private readonly now: () => Date;
  private readonly beforeWrite: (step: string) => void;
  private readonly state: CopyStateRepository;
  private readonly writer: CopyWriter;
  private readonly files: VaultFileCopier;
  private readonly legacy: LegacyCategories;
  private readonly pupils: PupilRepository;

  constructor(private readonly deps: TransferCopierDependencies) {
    this.now = deps.now ?? (() => new Date());
    this.beforeWrite = deps.beforeWrite ?? (() => undefined);
    this.state = new CopyStateRepository(deps.dynamo, deps.tableName);
    this.writer = new CopyWriter(deps.dynamo, this.beforeWrite);
    this.files = new VaultFileCopier(deps.s3, deps.vaultBucket, deps.keyId);
    this.legacy = new LegacyCategories(new CategoryRepository(deps.dynamo, deps.tableName), this.now);
    this.pupils = new PupilRepository(deps.dynamo, deps.tableName);
  }

  /** Copies as much as fits in budgetMs, starting at cursor (undefined = start); call again with the
   *  returned cursor until done. Safe to call again with the same cursor after a crash. */
  async copy(request: CopyRequest, cursor: string | undefined, budgetMs: number): Promise<CopyProgress> {
    const started = performance.now();
    const overBudget = () => performance.now() - started >= budgetMs;
    const position = decodeCopyCursor(cursor);
    const stored = (await this.state.load(request.transferId)) ?? (await this.plan(request));
    if (stored.state.completedAt === undefined && position?.phase !== 'manifest') {
      const context = this.contextOf(request, stored);
      const index = indexOf(stored);
      let after = position?.after;
      do {
        const page = await readRecordPage(
          this.deps.dynamo,
          this.deps.tableName,
          request.from.schoolId,
          request.from.pupilId,
          after,
          this.deps.pageItems ?? PAGE_ITEMS,
        );
        await this.copyPage(context, stored, index, page.items);
        after = page.lastSortKey;
        if (after && overBudget()) {
          return { done: false, cursor: encodeCopyCursor({ phase: 'records', after }) };
        }
      } while (after);
      if (overBudget()) return { done: false, cursor: encodeCopyCursor({ phase: 'manifest' }) };
    }
    return { done: true, manifest: await this.finish(request, stored) };
  }

  /** Decides what moves and stores it with its reserved numbers; answers the plan as stored. */
  private async plan(request: CopyRequest): Promise<StoredCopy> {
    const { deps } = this;
    const [items, pupil] = await Promise.all([
      readAllRecords(deps.dynamo, deps.tableName, request.from.schoolId, request.from.pupilId),
      this.pupils.get(request.to.schoolId, request.to.pupilId),
    ]);
    if (!pupil) throw new Error(`Transfer ${request.transferId}: the new school's pupil does not exist`);
    const plan = planCopy(
      {
        incidents: items.flatMap((item) => (item.kind === 'incident' ? [item.record] : [])),
        actions: items.flatMap((item) => (item.kind === 'action' ? [item.record] : [])),
        documents: items.flatMap((item) => (item.kind === 'document' ? [item.record] : [])),
      },
      request.categoryIds,
    );
    this.beforeWrite('categories');
    const legacy = await this.legacy.ensure(request.from.schoolId, request.to.schoolId, plan.categoryIds);
    const planId = randomBytes(8).toString('hex');
    this.beforeWrite('plan');
    const chunks = await this.state.putPlan(request.transferId, planId, plan);
    this.beforeWrite('numbers');
    await this.state.commit(request.to.schoolId, {
      transferId: request.transferId,
      planned: {
        incidents: plan.incidentIds.length,
        actions: plan.actionIds.length,
        files: plan.documentIds.length,
      },
      planId,
      chunks,
      categoryMap: legacy.categoryMap,
      fallbackCategoryId: legacy.parentId,
      toPupilName: displayNameOf(pupil),
      createdAt: this.now().toISOString(),
    });
    // Read back what was committed: a raced attempt may have committed its own plan first.
    const stored = await this.state.load(request.transferId);
    if (!stored) throw new Error(`Transfer ${request.transferId}: the copy plan was not stored`);
    return stored;
  }

  private contextOf(request: CopyRequest, stored: StoredCopy): CopyContext {
    return {
      transferId: request.transferId,
      from: request.from,
      to: request.to,
      toPupilName: stored.state.toPupilName,
      categoryMap: stored.state.categoryMap,
      fallbackCategoryId: stored.state.fallbackCategoryId,
      movingDocumentIds: new Set(stored.plan.documentIds),
    };
  }

  /** Writes everything the plan takes from one page: records first, then files (each file on its own). */
  private async copyPage(
    context: CopyContext,
    stored: StoredCopy,
    index: PlanIndex,
    items: readonly SourceItem[],
  ): Promise<void> {
    const writes: CopyWrite[] = [];
    const documents: VaultDocument[] = [];
    for (const item of items) {
      if (item.kind === 'incident') {
        const planned = index.incidents.get(item.record.incidentId);
        if (planned) writes.push(...this.incidentWrites(context, stored, item.record, planned.position));
      } else if (item.kind === 'action') {
        const incident = index.incidents.get(item.record.incidentId);
        if (incident && index.actions.has(item.record.actionId)) {
          writes.push(
            ...this.actionWrites(context, item.record, item.incidentOccurredAt, incident.oldNumber),
          );
        }
      } else if (index.documents.has(item.record.documentId)) {
        documents.push(item.record);
      }
    }
    await runLimited(
      writes.map((write) => () => this.writer.write(write)),
      ITEM_WRITES_AT_ONCE,
    );
    await runLimited(
      documents.map((document) => () => this.copyFile(context, document)),
      FILES_AT_ONCE,
    );
  }

  private incidentWrites(
    context: CopyContext,
    stored: StoredCopy,
    source: ChronologyIncident,
    position: number,
  ): CopyWrite[] {
    const { tableName } = this.deps;
    const firstNumber = stored.state.firstNumber;
    if (firstNumber === undefined) throw new Error('Incidents planned without reserved numbers');
    const { incident, copy } = transferredIncident(context, source, firstNumber + position);
    const ours = markedBy(context.transferId);
    const uses = [...new Set(incident.pupils.flatMap((pupil) => pupil.categoryIds))];
    return [
      {
        step: 'incident',
        item: incidentPut(tableName, incident, transferFingerprint(context.transferId)),
        ours,
      },
      {
        step: 'incident-number',
        item: incidentNumberPut(tableName, incident),
        ours: (existing) => existing.incidentId === incident.incidentId,
      },
      { step: 'chronology-incident', item: copyPut(tableName, copy), ours },
      ...uses.map((categoryId) => ({
        step: 'category-use',
        item: conditional(
          categoryUsePut(tableName, incident.schoolId, categoryId, incident.incidentId, incident.recordedAt),
        ),
        ours: (existing: Record<string, unknown>) => existing.incidentId === incident.incidentId,
      })),
    ];
  }

  private actionWrites(
    context: CopyContext,
    source: ChronologyAction,
    incidentOccurredAt: string,
    oldNumber: number,
  ): CopyWrite[] {
    const { tableName } = this.deps;
    const { action, copy } = transferredAction(context, source, oldNumber);
    const ours = markedBy(context.transferId);
    return [
      { step: 'action', item: actionPut(tableName, action, transferFingerprint(context.transferId)), ours },
      // The copied incident keeps its time, so its actions sort beside it exactly as at the previous school.
      { step: 'chronology-action', item: actionCopyPut(tableName, copy, incidentOccurredAt), ours },
    ];
  }

  /** A file already recorded by this transfer is done; otherwise copy, check, then record it. */
  private async copyFile(context: CopyContext, source: VaultDocument): Promise<void> {
    const { tableName, dynamo } = this.deps;
    const planned = transferredDocument(context, source, source.sha256);
    const ours = markedBy(context.transferId);
    const key = documentKeys.document(planned.schoolId, planned.pupilId, planned.documentId);
    const existing = await dynamo.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    if (existing.Item && ours(existing.Item)) return;
    this.beforeWrite('file');
    const copied = await this.files.copy(source, planned);
    await this.writer.write({
      step: 'document',
      item: {
        Put: {
          TableName: tableName,
          Item: vaultDocumentItem({ ...planned, sha256: copied.sha256, sizeBytes: copied.sizeBytes }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ours,
    });
  }

  /** The manifest from what is at the new school, checked against the plan; marks the copy complete. */
  private async finish(request: CopyRequest, stored: StoredCopy): Promise<TransferManifest> {
    const destination = await readAllRecords(
      this.deps.dynamo,
      this.deps.tableName,
      request.to.schoolId,
      request.to.pupilId,
      true,
    );
    const manifest = manifestOf(request.transferId, destination, this.now());
    const plannedDocuments = new Set(stored.plan.documentIds.map((id) => newIdOf(request.transferId, id)));
    const differences = differencesFromPlan(manifest, stored.state.planned, plannedDocuments);
    if (differences.length > 0) {
      throw new Error(
        `Transfer ${request.transferId}: the copy does not match its plan (${differences.join('; ')})`,
      );
    }
    if (stored.state.completedAt === undefined) {
      this.beforeWrite('complete');
      await this.state.markComplete(request.transferId, this.now().toISOString());
    }
    return manifest;
  }
}
