/**
 * TRF-1: finds transfers after each MIS import, at either school. An import stores who left and who
 * joined its roll (MisRollChanges, pending on GSI1); the detector takes every pending change and looks
 * the pupil's permanent UPN and ULN up in GSI3 (lib/transfers/pupil-match.ts):
 * - a pupil archived here who is active at another school, or active here and archived at another,
 *   is a candidate pair; it becomes a transfer when the new school's start date has been reached and the
 *   previous school holds incidents or documents for the pupil. A pair whose start date is still ahead
 *   is deferred (GSI1 TRANSFER_DEFERRED, by that date) and looked at again by every later run.
 * - a pupil archived at their new school, or back on their previous school's roll, makes the open
 *   transfers they are part of obsolete.
 * Nothing about a pupil at another school is revealed unless the pair becomes a transfer, and then
 * only to the two schools' transfer administrators.
 */
import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AuditLog } from '../audit/audit-log';
import { misKeys, pupilKeys, transferKeys } from '../data/keys';
import { deterministicUuid } from '../mis/deterministic-id';
import { RollChangesSchema, type RollPupil } from '../mis/import-record';
import { displayNameOf, type Pupil } from '../pupils/pupil';
import type { SchoolRepository } from '../schools/school-repository';
import { wallClock } from '../platform/zoned-time';
import { transferSystemActor } from './transfer-lifecycle';
import { matchValueHash, matchValuesOf, PupilMatchSchema, type PupilMatch } from './pupil-match';
import type { TransferRepository } from './transfer-repository';
import type { Transfer, TransferStatus } from './transfer';

export interface TransferDetectorDependencies {
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly transfers: TransferRepository;
  readonly schools: SchoolRepository;
  readonly pupil: (schoolId: string, pupilId: string) => Promise<Pupil | undefined>;
  readonly audit: AuditLog;
  /** Starts the transfer's execution (named by its id, so starting twice is harmless). */
  readonly startLifecycle: (transferId: string) => Promise<void>;
  /** Hands a status to a waiting execution (for obsolescence). */
  readonly deliver: (taskToken: string, status: TransferStatus) => Promise<void>;
  readonly now?: () => Date;
}

export interface DetectionSummary {
  readonly changesTaken: number;
  readonly detected: number;
  readonly deferred: number;
  readonly obsolete: number;
}

interface Candidate {
  readonly previous: { readonly schoolId: string; readonly pupilId: string };
  readonly next: { readonly schoolId: string; readonly pupilId: string };
  readonly matchedOn: { readonly kind: 'upn' | 'uln'; readonly value: string };
}

const OPEN: ReadonlySet<TransferStatus> = new Set(['Pending', 'Requested']);
/** Lookups in flight at once: a first import activates a whole roll. */
const CONCURRENCY = 16;

export class TransferDetector {
  private readonly now: () => Date;

  constructor(private readonly deps: TransferDetectorDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Takes every pending roll change (any school), then the deferred pairs that are now due. */
  async run(): Promise<DetectionSummary> {
    const totals = { changesTaken: 0, detected: 0, deferred: 0, obsolete: 0 };
    for (const item of await this.pendingRollChanges()) {
      const changes = RollChangesSchema.parse(item);
      const summary = await this.detectFor(changes.schoolId, changes);
      totals.detected += summary.detected;
      totals.deferred += summary.deferred;
      totals.obsolete += summary.obsolete;
      totals.changesTaken += 1;
      // Taken only once handled: a run that stops part-way sees the change again (every step is idempotent).
      await this.deps.dynamo.send(
        new UpdateCommand({
          TableName: this.deps.tableName,
          Key: { PK: item.PK, SK: item.SK },
          UpdateExpression: 'REMOVE GSI1PK, GSI1SK SET detectedAt = :at',
          ExpressionAttributeValues: { ':at': this.now().toISOString() },
        }),
      );
    }
    const due = await this.dueDeferred();
    totals.detected += due.detected;
    return totals;
  }

  /** Looks at one school's roll changes (an import's, or the demo seed's). */
  async detectFor(
    schoolId: string,
    changes: { readonly archived: readonly RollPupil[]; readonly activated: readonly RollPupil[] },
  ): Promise<Omit<DetectionSummary, 'changesTaken'>> {
    let detected = 0;
    let deferred = 0;
    let obsolete = 0;
    await inParallel(changes.archived, async (pupil) => {
      obsolete += await this.obsoleteOpen(
        schoolId,
        pupil.pupilId,
        'incoming',
        'The pupil has left the new school',
      );
      for (const candidate of await this.candidates(schoolId, pupil, 'previous')) {
        const outcome = await this.consider(candidate);
        if (outcome === 'detected') detected += 1;
        if (outcome === 'deferred') deferred += 1;
      }
    });
    await inParallel(changes.activated, async (pupil) => {
      obsolete += await this.obsoleteOpen(
        schoolId,
        pupil.pupilId,
        'outgoing',
        'The pupil is on the previous school’s roll again',
      );
      for (const candidate of await this.candidates(schoolId, pupil, 'next')) {
        const outcome = await this.consider(candidate);
        if (outcome === 'detected') detected += 1;
        if (outcome === 'deferred') deferred += 1;
      }
    });
    return { detected, deferred, obsolete };
  }

  /** Pairs the pupil makes with pupils at other schools on the opposite side of a move. */
  private async candidates(
    schoolId: string,
    pupil: RollPupil,
    side: 'previous' | 'next',
  ): Promise<Candidate[]> {
    const found = new Map<string, Candidate>();
    for (const { kind, value } of matchValuesOf(pupil)) {
      for (const other of await this.lookUp(kind, value)) {
        if (other.schoolId === schoolId) continue;
        // The other pupil must be on the other side: archived if this one joined, active if this one left.
        if (side === 'next' ? !other.archived : other.archived) continue;
        const here = { schoolId, pupilId: pupil.pupilId };
        const there = { schoolId: other.schoolId, pupilId: other.pupilId };
        const candidate: Candidate =
          side === 'previous'
            ? { previous: here, next: there, matchedOn: { kind: kind === 'UPN' ? 'upn' : 'uln', value } }
            : { previous: there, next: here, matchedOn: { kind: kind === 'UPN' ? 'upn' : 'uln', value } };
        const id = transferIdOf(candidate);
        // A UPN match is preferred to a ULN match of the same pair (UPNs come first).
        if (!found.has(id)) found.set(id, candidate);
      }
    }
    return [...found.values()];
  }

  private async lookUp(kind: 'UPN' | 'ULN', value: string): Promise<PupilMatch[]> {
    const result = await this.deps.dynamo.send(
      new QueryCommand({
        TableName: this.deps.tableName,
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :pk',
        ExpressionAttributeValues: { ':pk': transferKeys.matchIndexPartition(kind, matchValueHash(value)) },
      }),
    );
    return (result.Items ?? []).map((item) => PupilMatchSchema.parse(item));
  }

  /** Checks a pair against the rules as things stand now, and records it if it is a transfer. */
  private async consider(candidate: Candidate): Promise<'detected' | 'deferred' | 'not-a-transfer'> {
    const [previous, next] = await Promise.all([
      this.deps.pupil(candidate.previous.schoolId, candidate.previous.pupilId),
      this.deps.pupil(candidate.next.schoolId, candidate.next.pupilId),
    ]);
    if (!previous || !next || !previous.archived || next.archived) return 'not-a-transfer';
    // The value must still be identical on both records (either may have been corrected since).
    const still = (pupil: Pupil) =>
      matchValuesOf(pupil).some((match) => match.value === candidate.matchedOn.value);
    if (!still(previous) || !still(next)) return 'not-a-transfer';
    const nextSchool = await this.deps.schools.get(candidate.next.schoolId);
    const previousSchool = await this.deps.schools.get(candidate.previous.schoolId);
    if (!nextSchool || !previousSchool) return 'not-a-transfer';
    const today = localDate(this.now(), nextSchool.timeZone);
    if (next.admissionDate && next.admissionDate > today) {
      await this.defer(candidate, next.admissionDate);
      return 'deferred';
    }
    if (!(await this.holdsRecords(candidate.previous.schoolId, candidate.previous.pupilId)))
      return 'not-a-transfer';

    const at = this.now().toISOString();
    const transferId = transferIdOf(candidate);
    const transfer: Transfer = {
      transferId,
      status: 'Pending',
      from: {
        schoolId: previousSchool.schoolId,
        schoolName: previousSchool.name,
        pupilId: previous.pupilId,
        pupilName: displayNameOf(previous),
      },
      to: {
        schoolId: nextSchool.schoolId,
        schoolName: nextSchool.name,
        pupilId: next.pupilId,
        pupilName: displayNameOf(next),
      },
      matchedOn: candidate.matchedOn,
      detectedAt: at,
      history: [
        { status: 'Pending', at, note: `Detected by matching ${candidate.matchedOn.kind.toUpperCase()}` },
      ],
      updatedAt: at,
      version: 1,
    };
    const { created } = await this.deps.transfers.create(transfer);
    await this.deps.startLifecycle(transferId);
    if (created) {
      for (const side of [transfer.from, transfer.to]) {
        await this.deps.audit.record(transferSystemActor(side.schoolId, transferId, 'Lantern transfers'), {
          action: 'transfer.detect',
          resourceType: 'transfer',
          resourceId: transferId,
          pupilId: side.pupilId,
          detail: `matched on ${candidate.matchedOn.kind.toUpperCase()}`,
        });
      }
    }
    await this.undefer(candidate);
    return created ? 'detected' : 'not-a-transfer';
  }

  /** TRF-1: "where the previous school holds incidents or documents for them". */
  private async holdsRecords(schoolId: string, pupilId: string): Promise<boolean> {
    for (const prefix of ['ENTRY#', 'DOC#']) {
      const result = await this.deps.dynamo.send(
        new QueryCommand({
          TableName: this.deps.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': pupilKeys.partition(schoolId, pupilId), ':prefix': prefix },
          Limit: 1,
          ProjectionExpression: 'PK',
        }),
      );
      if ((result.Items ?? []).length > 0) return true;
    }
    return false;
  }

  /** Marks the pupil's open transfers in this direction obsolete and ends their waits. */
  private async obsoleteOpen(
    schoolId: string,
    pupilId: string,
    direction: 'incoming' | 'outgoing',
    why: string,
  ): Promise<number> {
    let count = 0;
    for (const mine of await this.deps.transfers.forPupil(schoolId, pupilId)) {
      if (mine.direction !== direction || !OPEN.has(mine.status)) continue;
      const transfer = await this.deps.transfers.get(mine.transferId);
      if (!transfer || !OPEN.has(transfer.status)) continue;
      const at = this.now().toISOString();
      const stage = transfer.status === 'Pending' ? 'request' : 'authorisation';
      try {
        await this.deps.transfers.save({
          ...transfer,
          status: 'Obsolete',
          history: [...transfer.history, { status: 'Obsolete', at, note: why }],
          updatedAt: at,
          version: transfer.version + 1,
        });
      } catch {
        // Someone decided meanwhile: their decision stands, and the next import looks again.
        continue;
      }
      const token = await this.deps.transfers.token(transfer.transferId);
      if (token && token.stage === stage) await this.deps.deliver(token.taskToken, 'Obsolete');
      for (const side of [transfer.from, transfer.to]) {
        await this.deps.audit.record(
          transferSystemActor(side.schoolId, transfer.transferId, 'Lantern transfers'),
          {
            action: 'transfer.obsolete',
            resourceType: 'transfer',
            resourceId: transfer.transferId,
            pupilId: side.pupilId,
            detail: why,
          },
        );
      }
      count += 1;
    }
    return count;
  }

  private async defer(candidate: Candidate, startsOn: string): Promise<void> {
    await this.deps.dynamo.send(
      new PutCommand({
        TableName: this.deps.tableName,
        Item: {
          ...deferredKey(candidate),
          itemType: 'TransferDeferred',
          GSI1PK: transferKeys.deferredPartition,
          GSI1SK: `${startsOn}#${transferIdOf(candidate)}`,
          ...candidate,
          startsOn,
        },
      }),
    );
  }

  private async undefer(candidate: Candidate): Promise<void> {
    await this.deps.dynamo.send(
      new DeleteCommand({ TableName: this.deps.tableName, Key: deferredKey(candidate) }),
    );
  }

  /** Deferred pairs whose start date has come (by the earliest time zone: a day early is re-checked). */
  private async dueDeferred(): Promise<{ detected: number }> {
    const tomorrow = new Date(this.now().getTime() + 24 * 3600 * 1000).toISOString().slice(0, 10);
    const result = await this.deps.dynamo.send(
      new QueryCommand({
        TableName: this.deps.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :due',
        ExpressionAttributeValues: { ':pk': transferKeys.deferredPartition, ':due': `${tomorrow}#~` },
      }),
    );
    let detected = 0;
    for (const item of result.Items ?? []) {
      const candidate = item as unknown as Candidate & { startsOn: string };
      const outcome = await this.consider({
        previous: candidate.previous,
        next: candidate.next,
        matchedOn: candidate.matchedOn,
      });
      if (outcome === 'detected') detected += 1;
      if (outcome === 'not-a-transfer') await this.undefer(candidate);
    }
    return { detected };
  }

  private async pendingRollChanges(): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.deps.dynamo.send(
        new QueryCommand({
          TableName: this.deps.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': misKeys.pendingRollChangesPartition },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

/** The same pair always has the same transfer: detecting it again finds the first. */
export function transferIdOf(candidate: Pick<Candidate, 'previous' | 'next'>): string {
  return deterministicUuid(
    'transfer',
    candidate.previous.schoolId,
    candidate.previous.pupilId,
    candidate.next.schoolId,
    candidate.next.pupilId,
  );
}

function deferredKey(candidate: Candidate) {
  return transferKeys.deferred(
    candidate.next.schoolId,
    candidate.next.pupilId,
    candidate.previous.schoolId,
    candidate.previous.pupilId,
  );
}

/** Today's date where the school is, as YYYY-MM-DD. */
function localDate(now: Date, timeZone: string): string {
  const wall = wallClock(timeZone, now.getTime());
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
