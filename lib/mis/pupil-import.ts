/**
 * Applies an extract's pupils (MIS-2, MIS-3): adds the new, updates the changed, archives those who
 * left, and writes nothing for a row whose fingerprints match what was last applied.
 *
 * Crash safety without a transaction around the whole import: every id is computed from the MIS ids,
 * a pupil's own items are written before its MisPupilIndex (which records the fingerprints), and a
 * changed pupil is compared with what is actually stored. So a run that stopped half-way, run again,
 * finds each pupil either done (fingerprints match), half-done (stored items compared and only the
 * missing ones written) or untouched, and ends exactly where an uninterrupted run would have.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll, type WriteRequest } from '../data/batch-write';
import { misKeys, pupilKeys } from '../data/keys';
import { StaleItemError } from '../data/school-collection';
import { contactItem } from '../pupils/contact-repository';
import { linkItem } from '../pupils/link-repository';
import { summaryOf, type Pupil, type PupilSummary } from '../pupils/pupil';
import { allItemsOf, type StoredItem } from '../pupils/pupil-items';
import type { PupilRecordItems, PupilRecordReader } from '../pupils/pupil-record-reader';
import type { PupilRepository } from '../pupils/pupil-repository';
import { summaryCompanions } from '../pupils/pupil-summary-companions';
import { fingerprint } from './deterministic-id';
import type { ExtractFormat, MisGroup, MisPupil, RowProblem } from './mis-extract';
import { isTemporaryUpn } from '../pupils/uk-identifiers';
import type { MisPupilIndex, RollPupil } from './import-record';
import {
  contactComparable,
  contactsOf,
  desiredPupil,
  linkComparable,
  newPupil,
  profileFacet,
  sameProfile,
  siblingLinksOf,
  siblingPairs,
  updatedPupil,
  type DesiredPupil,
} from './pupil-plan';

/** Builds a pupil's attendance items from its row (lib/attendance); compared by `comparable`. */
export interface AttendanceItemBuilder {
  readonly itemsOf: (schoolId: string, pupilId: string, row: MisPupil, at: string) => StoredItem[];
  readonly comparable: (item: StoredItem) => unknown;
}

export interface PupilImportDependencies {
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly reader: PupilRecordReader;
  readonly pupils: PupilRepository;
  readonly attendance?: AttendanceItemBuilder;
  /** Test hook: called before each write step, so a test can stop the import part-way (a crash). */
  readonly beforeWrite?: (step: string) => void;
}

export interface PupilImportInput {
  readonly schoolId: string;
  readonly importId: string;
  readonly at: string;
  /** The school's date today (YYYY-MM-DD): leaving dates up to it archive. */
  readonly today: string;
  readonly complete: boolean;
  /** A CTF never takes over a pupil the MIS feeds under another id (it carries too little). */
  readonly format: ExtractFormat;
  readonly pupils: readonly MisPupil[];
  readonly groups: ReadonlyMap<string, MisGroup>;
  readonly classIdByGroup: ReadonlyMap<string, string>;
  readonly index: ReadonlyMap<string, MisPupilIndex>;
  /** MIS ids of rows validation skipped: never archived for being "absent". */
  readonly skippedMisKeys: ReadonlySet<string>;
  /** A skipped row whose id could not be read: archiving absent pupils is unsafe this run. */
  readonly skippedWithoutId: boolean;
}

export interface PupilImportResult {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly archived: number;
  readonly restored: number;
  readonly itemsWritten: number;
  readonly problems: readonly RowProblem[];
  readonly rollArchived: readonly RollPupil[];
  readonly rollActivated: readonly RollPupil[];
}

/** A complete extract that would archive more than this share of the roll is taken as a broken feed. */
export const MAX_ARCHIVE_SHARE = 0.5;
const CHANGED_PUPILS_AT_ONCE = 8;
const WRITE_BATCHES_AT_ONCE = 8;

interface Planned {
  readonly desired: DesiredPupil;
  readonly hashes: Record<string, string>;
  readonly contactsHash: string;
  readonly siblings: readonly PupilSummary[];
  readonly attendanceItems: readonly StoredItem[];
}

export class PupilImport {
  private written = 0;

  constructor(private readonly deps: PupilImportDependencies) {}

  async apply(input: PupilImportInput): Promise<PupilImportResult> {
    this.written = 0;
    const problems: RowProblem[] = [];
    const { desired, rekeyed, heldKeys } = this.matchByUpn(input, problems);
    const summaries = new Map(
      desired.map((pupil) => [pupil.pupilId, summaryOf(newPupil(input.schoolId, pupil, input.at))]),
    );
    const pairs = siblingPairs(desired);
    const planned = desired.map((pupil) => this.plan(input, pupil, summaries, pairs));

    const byMisKey = new Map([...planned].map((plan) => [plan.desired.misKey, plan]));
    const fresh: Planned[] = [];
    const changed: Planned[] = [];
    let unchanged = 0;
    for (const plan of byMisKey.values()) {
      const stored = input.index.get(plan.desired.misKey) ?? rekeyed.get(plan.desired.misKey);
      if (!stored) fresh.push(plan);
      else if (sameHashes(stored.hashes, plan.hashes) && stored.archived === plan.desired.archived)
        unchanged += 1;
      else changed.push(plan);
    }

    // A pupil with no index item may still have been written by a run that stopped before indexing it.
    const found = new Set(
      (
        await this.deps.pupils.getMany(
          input.schoolId,
          fresh.map((plan) => plan.desired.pupilId),
        )
      ).map((pupil) => pupil.pupilId),
    );
    const reallyFresh = fresh.filter((plan) => !found.has(plan.desired.pupilId));
    const resumed = fresh.filter((plan) => found.has(plan.desired.pupilId));

    await this.addFresh(input, reallyFresh);
    await inBatches([...changed, ...resumed], CHANGED_PUPILS_AT_ONCE, (plan) =>
      this.updateChanged(
        input,
        plan,
        input.index.get(plan.desired.misKey) ?? rekeyed.get(plan.desired.misKey),
      ),
    );
    const { leavers, stale } = this.absentPupils(
      input,
      new Set([...byMisKey.keys(), ...heldKeys]),
      new Set(desired.map((pupil) => pupil.pupilId)),
      problems,
    );
    await inBatches(leavers, CHANGED_PUPILS_AT_ONCE, (entry) => this.archiveAbsent(input, entry));

    // Last: the fingerprints, once everything they vouch for is stored.
    this.deps.beforeWrite?.('index');
    const indexWrites: WriteRequest[] = [
      ...[...reallyFresh, ...changed, ...resumed].map((plan) => ({
        PutRequest: {
          Item: this.indexItem(
            input,
            plan.desired.misKey,
            plan.desired.pupilId,
            plan.desired.archived,
            plan.hashes,
            plan.desired.details.upn,
          ),
        },
      })),
      ...leavers.map((entry) => ({
        PutRequest: {
          Item: this.indexItem(input, entry.misKey, entry.pupilId, true, entry.hashes, entry.upn),
        },
      })),
    ];
    await this.write(indexWrites);
    // An entry whose pupil is now indexed under another MIS id (taken over by UPN) goes, after the new one.
    await this.write(
      stale.map((entry) => ({ DeleteRequest: { Key: misKeys.pupil(input.schoolId, entry.misKey) } })),
    );

    const rollOf = (plan: Planned): RollPupil => rollPupil(plan.desired.pupilId, plan.desired.details);
    const previouslyArchived = (plan: Planned) =>
      (input.index.get(plan.desired.misKey) ?? rekeyed.get(plan.desired.misKey))?.archived;
    const activated = [...reallyFresh, ...changed, ...resumed].filter(
      (plan) => !plan.desired.archived && previouslyArchived(plan) !== false,
    );
    const newlyArchived = [...changed, ...resumed, ...reallyFresh].filter(
      (plan) => plan.desired.archived && previouslyArchived(plan) !== true,
    );
    return {
      added:
        reallyFresh.length +
        resumed.filter((plan) => !input.index.has(plan.desired.misKey) && !rekeyed.has(plan.desired.misKey))
          .length,
      updated: changed.length,
      unchanged,
      archived: newlyArchived.length + leavers.length,
      restored: changed.filter((plan) => !plan.desired.archived && previouslyArchived(plan) === true).length,
      itemsWritten: this.written,
      problems,
      rollArchived: [...newlyArchived.map(rollOf), ...leavers.map((entry) => entry.roll)],
      rollActivated: activated.map(rollOf),
    };
  }

  private plan(
    input: PupilImportInput,
    desired: DesiredPupil,
    summaries: ReadonlyMap<string, PupilSummary>,
    pairs: ReadonlyMap<string, string[]>,
  ): Planned {
    const siblings = (pairs.get(desired.pupilId) ?? [])
      .map((pupilId) => summaries.get(pupilId))
      .filter((summary) => summary !== undefined);
    const attendanceItems =
      this.deps.attendance?.itemsOf(input.schoolId, desired.pupilId, desired.row, input.at) ?? [];
    const contactsHash = fingerprint(desired.row.contacts);
    const hashes: Record<string, string> = {
      profile: fingerprint(profileFacet(desired)),
      contacts: contactsHash,
      siblings: fingerprint(siblings),
    };
    for (const item of attendanceItems) {
      hashes[`attendance:${item.SK}`] = fingerprint(this.deps.attendance?.comparable(item) ?? item);
    }
    return { desired, hashes, contactsHash, siblings, attendanceItems };
  }

  /** New pupils: every item put in batches (their ids are new, so there is nothing to compare). */
  private async addFresh(input: PupilImportInput, plans: readonly Planned[]): Promise<void> {
    const requests: WriteRequest[] = [];
    for (const plan of plans) {
      const pupil = newPupil(input.schoolId, plan.desired, input.at);
      const items = [
        ...allItemsOf(pupil),
        ...contactsOf(input.schoolId, plan.desired, input.at).map((contact) =>
          contactItem(input.schoolId, contact),
        ),
        ...siblingLinksOf(pupil.pupilId, plan.siblings, input.at).map((link) =>
          linkItem(input.schoolId, link),
        ),
        ...plan.attendanceItems,
      ];
      for (const Item of items) requests.push({ PutRequest: { Item } });
    }
    this.deps.beforeWrite?.('fresh');
    await this.write(requests);
  }

  /** A pupil whose fingerprints differ (or a resumed one): compare with what is stored, write the rest. */
  private async updateChanged(
    input: PupilImportInput,
    plan: Planned,
    previous: MisPupilIndex | undefined,
  ): Promise<void> {
    const record = await this.deps.reader.record(input.schoolId, plan.desired.pupilId);
    if (!record) {
      // Indexed but gone (it should not happen): store it afresh rather than lose the row.
      await this.addFresh(input, [plan]);
      return;
    }
    const requests: WriteRequest[] = [];
    if (!previous || previous.hashes.contacts !== plan.hashes.contacts) {
      requests.push(...this.contactChanges(input, plan, record));
    }
    if (!previous || previous.hashes.siblings !== plan.hashes.siblings) {
      requests.push(...this.siblingChanges(input, plan, record));
    }
    for (const item of plan.attendanceItems) {
      const key = `attendance:${item.SK}`;
      if (!previous || previous.hashes[key] !== plan.hashes[key])
        requests.push({ PutRequest: { Item: item } });
    }
    this.deps.beforeWrite?.('changed');
    await this.write(requests);
    await this.saveProfile(input, record, (stored) => updatedPupil(stored, plan.desired, input.at));
  }

  private contactChanges(input: PupilImportInput, plan: Planned, record: PupilRecordItems): WriteRequest[] {
    const wanted = contactsOf(input.schoolId, plan.desired, input.at);
    const stored = new Map(record.contacts.map((contact) => [contact.contactId, contact]));
    const requests: WriteRequest[] = [];
    for (const contact of wanted) {
      const existing = stored.get(contact.contactId);
      if (!existing || fingerprint(contactComparable(existing)) !== fingerprint(contactComparable(contact))) {
        requests.push({ PutRequest: { Item: contactItem(input.schoolId, contact) } });
      }
    }
    const wantedIds = new Set(wanted.map((contact) => contact.contactId));
    for (const contact of record.contacts) {
      // Contacts added by hand are the school's own; the MIS only removes its own.
      if (contact.source === 'mis' && !wantedIds.has(contact.contactId)) {
        requests.push({
          DeleteRequest: { Key: pupilKeys.contact(input.schoolId, contact.pupilId, contact.contactId) },
        });
      }
    }
    return requests;
  }

  private siblingChanges(input: PupilImportInput, plan: Planned, record: PupilRecordItems): WriteRequest[] {
    const wanted = siblingLinksOf(plan.desired.pupilId, plan.siblings, input.at);
    const stored = new Map(record.links.map((link) => [link.otherPupilId, link]));
    const requests: WriteRequest[] = [];
    for (const link of wanted) {
      const existing = stored.get(link.otherPupilId);
      // A link made by hand between the same two pupils is left as the school made it.
      if (existing?.source === 'manual') continue;
      if (!existing || fingerprint(linkComparable(existing)) !== fingerprint(linkComparable(link))) {
        requests.push({ PutRequest: { Item: linkItem(input.schoolId, link) } });
      }
    }
    const wantedIds = new Set(wanted.map((link) => link.otherPupilId));
    for (const link of record.links) {
      if (link.source === 'mis' && link.kind === 'sibling' && !wantedIds.has(link.otherPupilId)) {
        requests.push({
          DeleteRequest: { Key: pupilKeys.link(input.schoolId, link.pupilId, link.otherPupilId) },
        });
      }
    }
    return requests;
  }

  /**
   * Saves the profile the stored one becomes (with its index items and the copies of its summary),
   * if it differs; a concurrent edit (a monitoring change) makes it read and try again.
   */
  private async saveProfile(
    input: PupilImportInput,
    first: PupilRecordItems,
    next: (stored: Pupil) => Pupil,
  ): Promise<void> {
    let record = first;
    for (let attempt = 0; ; attempt += 1) {
      const wanted = next(record.pupil);
      if (sameProfile(record.pupil, wanted)) return;
      const companions = summaryCompanions(
        this.deps.tableName,
        wanted,
        record.pupil,
        record.links,
        record.intervals,
      );
      this.deps.beforeWrite?.('profile');
      try {
        this.written += await this.deps.pupils.update(wanted, record.pupil, companions);
        return;
      } catch (error) {
        if (!(error instanceof StaleItemError) || attempt >= 2) throw error;
        const reread = await this.deps.reader.record(input.schoolId, record.pupil.pupilId);
        if (!reread) throw error;
        record = reread;
      }
    }
  }

  /**
   * Index entries the extract no longer lists. Those whose pupil a listed row now maps to (taken over by
   * UPN) are stale keys to delete; the rest, in a complete extract, are leavers to archive, unless that
   * looks like a broken feed.
   */
  private absentPupils(
    input: PupilImportInput,
    presentKeys: ReadonlySet<string>,
    presentPupilIds: ReadonlySet<string>,
    problems: RowProblem[],
  ): { leavers: AbsentPupil[]; stale: MisPupilIndex[] } {
    const missing = [...input.index.values()].filter(
      (entry) => !presentKeys.has(entry.misKey) && !input.skippedMisKeys.has(entry.misKey),
    );
    const stale = missing.filter((entry) => presentPupilIds.has(entry.pupilId));
    if (!input.complete) return { leavers: [], stale };
    const active = [...input.index.values()].filter((entry) => !entry.archived);
    const absent = missing.filter((entry) => !entry.archived && !presentPupilIds.has(entry.pupilId));
    if (absent.length === 0) return { leavers: [], stale };
    if (input.skippedWithoutId) {
      problems.push(
        archiveHeldBack('a skipped pupil row had no readable id, so absence cannot be told from a bad row'),
      );
      return { leavers: [], stale };
    }
    if (absent.length > active.length * MAX_ARCHIVE_SHARE) {
      problems.push(
        archiveHeldBack(
          `the extract leaves out ${absent.length} of ${active.length} pupils on roll; that looks like a partial feed`,
        ),
      );
      return { leavers: [], stale };
    }
    return {
      leavers: absent.map((entry) => ({ ...entry, roll: { pupilId: entry.pupilId, dateOfBirth: '' } })),
      stale,
    };
  }

  /**
   * Each row's profile, matched first by MIS id and then, for a row the index does not know, by permanent
   * UPN: a pupil first imported from a CTF (keyed by UPN) is taken over by the full feed's row, keeping the
   * same Lantern pupil and chronology. A CTF row for a pupil the full feed already holds is left out (a CTF
   * carries too little to overwrite it) and said so.
   */
  private matchByUpn(
    input: PupilImportInput,
    problems: RowProblem[],
  ): { desired: DesiredPupil[]; rekeyed: Map<string, MisPupilIndex>; heldKeys: Set<string> } {
    const byUpn = new Map<string, MisPupilIndex>();
    for (const entry of input.index.values()) if (entry.upn) byUpn.set(entry.upn, entry);
    const desired: DesiredPupil[] = [];
    const rekeyed = new Map<string, MisPupilIndex>();
    const heldKeys = new Set<string>();
    input.pupils.forEach((row, index) => {
      const pupil = desiredPupil(input.schoolId, row, input.groups, input.classIdByGroup, input.today);
      const upn = pupil.details.upn;
      const owner =
        !input.index.has(pupil.misKey) && upn !== undefined && !isTemporaryUpn(upn)
          ? byUpn.get(upn)
          : undefined;
      if (!owner || owner.misKey === pupil.misKey) {
        desired.push(pupil);
        return;
      }
      if (input.format === 'ctf') {
        heldKeys.add(owner.misKey);
        problems.push({
          section: 'pupils',
          row: index + 1,
          misId: pupil.misKey,
          field: 'upn',
          reason: `already on roll from the MIS under id ${owner.misKey}; a CTF does not update that pupil`,
          severity: 'warning',
        });
        return;
      }
      rekeyed.set(pupil.misKey, owner);
      desired.push({ ...pupil, pupilId: owner.pupilId });
    });
    return { desired, rekeyed, heldKeys };
  }

  private async archiveAbsent(input: PupilImportInput, entry: AbsentPupil): Promise<void> {
    const record = await this.deps.reader.record(input.schoolId, entry.pupilId);
    if (!record) return;
    entry.roll = rollPupil(entry.pupilId, record.pupil);
    await this.saveProfile(input, record, (stored) => ({
      ...stored,
      archived: true,
      updatedAt: input.at,
      version: stored.version + 1,
    }));
  }

  private indexItem(
    input: PupilImportInput,
    misKey: string,
    pupilId: string,
    archived: boolean,
    hashes: Record<string, string>,
    upn: string | undefined,
  ): StoredItem {
    return {
      ...misKeys.pupil(input.schoolId, misKey),
      itemType: 'MisPupilIndex',
      misKey,
      pupilId,
      archived,
      hashes,
      importId: input.importId,
      // Permanent UPNs only: what a row under another MIS id (a CTF's) is matched by.
      ...(upn === undefined || isTemporaryUpn(upn) ? {} : { upn }),
    };
  }

  private async write(requests: readonly WriteRequest[]): Promise<void> {
    if (requests.length === 0) return;
    await batchWriteAll(this.deps.dynamo, this.deps.tableName, requests, WRITE_BATCHES_AT_ONCE);
    this.written += requests.length;
  }
}

interface AbsentPupil extends MisPupilIndex {
  roll: RollPupil;
}

function archiveHeldBack(reason: string): RowProblem {
  return {
    section: 'pupils',
    row: 1,
    field: 'pupils',
    reason: `Pupils missing from the extract were not archived: ${reason}.`,
    severity: 'warning',
  };
}

function sameHashes(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((key) => a[key] === b[key]);
}

function rollPupil(
  pupilId: string,
  details: { upn?: string; uln?: string; dateOfBirth: string; admissionDate?: string; leavingDate?: string },
): RollPupil {
  return {
    pupilId,
    dateOfBirth: details.dateOfBirth,
    ...(details.upn === undefined ? {} : { upn: details.upn }),
    ...(details.uln === undefined ? {} : { uln: details.uln }),
    ...(details.admissionDate === undefined ? {} : { admissionDate: details.admissionDate }),
    ...(details.leavingDate === undefined ? {} : { leavingDate: details.leavingDate }),
  };
}

async function inBatches<T>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
