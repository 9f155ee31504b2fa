/**
 * MIS imports end to end (MIS-1 … MIS-4): receiving a pushed extract (kept encrypted, checked, logged)
 * and running an import (the nightly schedule or "run now"): the newest extract applied to classes,
 * pupils and staff, its counts and row problems logged, the roll changes handed to the transfer
 * detector. One run at a time per school (a lease); a run that crashed is simply run again.
 */
import { createHash } from 'node:crypto';
import type { ClassGroupRepository } from '../access/access-repositories';
import { wallClock } from '../platform/zoned-time';
import { applyClasses } from './class-import';
import { uuidV7 } from './deterministic-id';
import type { ExtractStore } from './extract-store';
import { MAX_STORED_PROBLEMS, type ImportCounts, type MisImport } from './import-record';
import type { MisImportRepository } from './import-repository';
import { ExtractStructureError, type ExtractFormat, type ValidatedExtract } from './mis-extract';
import type { PupilImport } from './pupil-import';
import type { MisStaffRepository } from './staff-import';

/** How long one run may hold the school's import: longer than a Lambda can run. */
const LEASE_MS = 16 * 60 * 1000;

export type ExtractParser = (
  body: Uint8Array,
  hint: { format?: ExtractFormat; mediaType?: string },
) => ValidatedExtract;

export interface MisImportDependencies {
  readonly imports: MisImportRepository;
  readonly store: ExtractStore;
  readonly classes: ClassGroupRepository;
  readonly pupils: PupilImport;
  readonly staff: MisStaffRepository;
  readonly parse: ExtractParser;
  readonly schoolTimeZone: (schoolId: string) => Promise<string>;
  /** Deactivates the users added from these MIS staff, when the school's setting asks; returns how many. */
  readonly deactivateVanishedUsers?: (schoolId: string, misStaffIds: readonly string[]) => Promise<number>;
  readonly now?: () => Date;
}

export interface ReceivedExtract {
  readonly record: MisImport;
  /** Row problems found on receipt (the same are found again, and logged, when it is applied). */
  readonly rowProblemCount: number;
  readonly counts: { readonly pupils: number; readonly staff: number; readonly groups: number };
}

export type RunOutcome =
  | { readonly kind: 'applied'; readonly record: MisImport }
  | { readonly kind: 'failed'; readonly record: MisImport }
  | { readonly kind: 'nothing-new' }
  | { readonly kind: 'busy' };

export class MisImportService {
  constructor(private readonly deps: MisImportDependencies) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Keeps the raw extract (encrypted) and checks it. A structurally broken extract is logged as
   * rejected and nothing else changes; a valid one becomes the newest, applied by the next run.
   */
  async receive(
    schoolId: string,
    body: Uint8Array,
    hint: { format?: ExtractFormat; mediaType?: string },
    credentialId: string | undefined,
  ): Promise<ReceivedExtract> {
    const received = this.now();
    const importId = uuidV7(received);
    const mediaType = hint.mediaType ?? 'application/octet-stream';
    const objectKey = await this.deps.store.put(schoolId, importId, body, mediaType);
    return this.check(schoolId, importId, body, hint, {
      receivedAt: received.toISOString(),
      objectKey,
      credentialId,
    });
  }

  /** An extract a connector uploaded to its presigned URL: checked and logged like a pushed one. */
  async receiveUploaded(
    schoolId: string,
    importId: string,
    hint: { format?: ExtractFormat; mediaType?: string },
    credentialId: string | undefined,
    objectKey: string,
  ): Promise<ReceivedExtract> {
    const body = await this.deps.store.read(objectKey);
    return this.check(schoolId, importId, body, hint, {
      receivedAt: this.now().toISOString(),
      objectKey,
      credentialId,
    });
  }

  private async check(
    schoolId: string,
    importId: string,
    body: Uint8Array,
    hint: { format?: ExtractFormat; mediaType?: string },
    origin: { receivedAt: string; objectKey: string; credentialId: string | undefined },
  ): Promise<ReceivedExtract> {
    const base = {
      importId,
      schoolId,
      receivedAt: origin.receivedAt,
      byteSize: body.byteLength,
      sha256: createHash('sha256').update(body).digest('hex'),
      objectKey: origin.objectKey,
      problemCount: 0,
      problems: [],
      version: 1,
      ...(origin.credentialId === undefined ? {} : { credentialId: origin.credentialId }),
    };
    try {
      const extract = this.deps.parse(body, hint);
      const record: MisImport = {
        ...base,
        status: 'received',
        format: extract.format,
        problemCount: extract.problems.length,
        problems: extract.problems.slice(0, MAX_STORED_PROBLEMS),
      };
      await this.deps.imports.recordReceived(record);
      return {
        record,
        rowProblemCount: extract.problems.length,
        counts: { pupils: extract.pupils.length, staff: extract.staff.length, groups: extract.groups.length },
      };
    } catch (error) {
      if (!(error instanceof ExtractStructureError)) throw error;
      const record: MisImport = {
        ...base,
        status: 'rejected',
        ...(hint.format === undefined ? {} : { format: hint.format }),
        rejection: { field: error.field, reason: error.reason },
        finishedAt: origin.receivedAt,
      };
      await this.deps.imports.recordReceived(record);
      return { record, rowProblemCount: 0, counts: { pupils: 0, staff: 0, groups: 0 } };
    }
  }

  /**
   * Applies the newest extract. The nightly run does nothing when it was applied already (so the
   * health light shows a connector that stopped pushing); "run now" applies it again, which writes
   * only what changed since (normally nothing).
   */
  async run(schoolId: string, trigger: 'schedule' | 'run-now'): Promise<RunOutcome> {
    const state = await this.deps.imports.state(schoolId);
    const newest = state.newestImportId;
    if (!newest) return { kind: 'nothing-new' };
    if (trigger === 'schedule' && newest === state.appliedImportId) return { kind: 'nothing-new' };
    const started = this.now();
    const leased = await this.deps.imports.acquireLease(
      schoolId,
      newest,
      started.toISOString(),
      new Date(started.getTime() + LEASE_MS).toISOString(),
    );
    if (!leased) return { kind: 'busy' };
    const record = await this.deps.imports.get(schoolId, newest);
    if (!record) throw new Error(`Import ${newest} is named as newest but is not in the log`);
    const at = started.toISOString();
    await this.deps.imports.markApplying(schoolId, newest, at, trigger);
    try {
      const body = await this.deps.store.read(record.objectKey);
      const extract = this.deps.parse(body, record.format === undefined ? {} : { format: record.format });
      const timeZone = await this.deps.schoolTimeZone(schoolId);
      const counts = await this.apply(schoolId, newest, extract, at, schoolDate(timeZone, started));
      const problems = [...extract.problems, ...counts.problems];
      const { failure: _previousFailure, ...previous } = record;
      const done: MisImport = {
        ...previous,
        status: 'applied',
        format: extract.format,
        startedAt: at,
        finishedAt: this.now().toISOString(),
        trigger,
        counts: counts.counts,
        problemCount: problems.length,
        problems: problems.slice(0, MAX_STORED_PROBLEMS),
        version: record.version + 2,
      };
      await this.deps.imports.finish(done, { appliedAt: done.finishedAt ?? at });
      await this.deps.imports.supersedeOlder(schoolId, newest, at);
      return { kind: 'applied', record: done };
    } catch (error) {
      const failure =
        error instanceof ExtractStructureError
          ? `The extract is no longer readable: ${error.field}: ${error.reason}`
          : 'The import stopped with an internal error; the next run will try again. Quote the import id if you report it.';
      await this.deps.imports.fail(schoolId, newest, failure, this.now().toISOString());
      const failed = await this.deps.imports.get(schoolId, newest);
      if (!failed) throw error;
      return { kind: 'failed', record: failed };
    }
  }

  private async apply(
    schoolId: string,
    importId: string,
    extract: ValidatedExtract,
    at: string,
    today: string,
  ): Promise<{ counts: ImportCounts; problems: ValidatedExtract['problems'] }> {
    const [index, classes] = await Promise.all([
      this.deps.imports.pupilIndex(schoolId),
      applyClasses(this.deps.classes, schoolId, extract.groups, at),
    ]);
    const skippedRows = extract.problems.filter(
      (problem) => problem.section === 'pupils' && problem.severity === 'error',
    );
    const pupils = await this.deps.pupils.apply({
      schoolId,
      importId,
      at,
      today,
      complete: extract.complete,
      format: extract.format,
      pupils: extract.pupils,
      groups: new Map(extract.groups.map((group) => [group.id, group])),
      classIdByGroup: classes.classIdByGroup,
      index,
      skippedMisKeys: new Set(
        skippedRows.flatMap((problem) => (problem.misId === undefined ? [] : [problem.misId])),
      ),
      skippedWithoutId: skippedRows.some((problem) => problem.misId === undefined),
    });
    const deactivate = this.deps.deactivateVanishedUsers;
    const staff = await this.deps.staff.apply(
      schoolId,
      extract.staff,
      extract.complete,
      at,
      deactivate && ((misStaffIds) => deactivate(schoolId, misStaffIds)),
    );
    const rollItems = await this.deps.imports.recordRollChanges({
      schoolId,
      importId,
      at,
      archived: [...pupils.rollArchived],
      activated: [...pupils.rollActivated],
    });
    const skippedPupilRows = new Set(skippedRows.map((problem) => problem.row)).size;
    return {
      problems: pupils.problems,
      counts: {
        pupilsInExtract: extract.pupils.length + skippedPupilRows,
        pupilsAdded: pupils.added,
        pupilsUpdated: pupils.updated,
        pupilsUnchanged: pupils.unchanged,
        pupilsArchived: pupils.archived,
        pupilsRestored: pupils.restored,
        rowsSkipped: new Set(
          extract.problems
            .filter((problem) => problem.severity === 'error')
            .map((problem) => `${problem.section}#${problem.row}`),
        ).size,
        classesAdded: classes.added.length,
        classesRenamed: classes.renamed,
        staffInExtract: extract.staff.length,
        usersDeactivated: staff.usersDeactivated,
        itemsWritten: pupils.itemsWritten + classes.itemsWritten + staff.itemsWritten + rollItems,
      },
    };
  }
}

/** The school's date at `instant` (YYYY-MM-DD): leaving dates are the school's days, not UTC's. */
function schoolDate(timeZone: string, instant: Date): string {
  const wall = wallClock(timeZone, instant.getTime());
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}
