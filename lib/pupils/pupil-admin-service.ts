/**
 * Changes made by hand (students.manage): adding a pupil the MIS does not hold, editing, archiving and
 * unarchiving such a pupil. A pupil from the MIS keeps its MIS details read-only (the import would
 * overwrite them). Every change is version-checked and audited, names never in the audit detail.
 * Renaming, moving class or archiving refreshes the summary copied into the linked pupils' link items
 * and the monitored list, in the same transaction as the profile.
 */
import type { ClassGroupRepository } from '../access/access-repositories';
import { authorisation } from '../access/authorisation';
import type { ClassGroup } from '../access/class-group';
import type { AuditLog } from '../audit/audit-log';
import { StaleItemError } from '../data/school-collection';
import { displayNameOf, PupilSchema, pupilAccessFacts, type Pupil, type PupilLink } from './pupil';
import {
  PupilAlreadyExistsError,
  PupilConflictError,
  PupilInvalidFieldError,
  PupilNotFoundError,
} from './pupil-errors';
import type { PupilRecordReader } from './pupil-record-reader';
import { summaryCompanions } from './pupil-summary-companions';
import type { PupilRepository } from './pupil-repository';
import type { NewPupil, PupilChanges } from './pupil-schemas';
import type { Viewer } from './viewer';
import type { MonitoringInterval } from '../monitoring/monitoring';

export interface PupilAdminDependencies {
  readonly tableName: string;
  readonly pupils: PupilRepository;
  readonly reader: PupilRecordReader;
  readonly classes: ClassGroupRepository;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

export type PupilProfileView = Pupil & { displayName: string };

export const MIS_FIELDS_READ_ONLY =
  "This pupil's details come from the school's MIS, which updates them every night: change them there.";

function profileView(pupil: Pupil): PupilProfileView {
  return { ...pupil, displayName: displayNameOf(pupil) };
}

/** The tutor group name a pupil added by hand shows, from the tutor class chosen for them. */
function tutorGroupFrom(classIds: readonly string[], classes: readonly ClassGroup[]): string | undefined {
  return classes.find((classGroup) => classGroup.kind === 'tutor' && classIds.includes(classGroup.classId))
    ?.name;
}

export class PupilAdminService {
  constructor(private readonly deps: PupilAdminDependencies) {}

  private now(): string {
    return (this.deps.now ?? (() => new Date()))().toISOString();
  }

  async create(viewer: Viewer, input: NewPupil): Promise<PupilProfileView> {
    const schoolId = viewer.actor.schoolId;
    const classes = await this.checkedClasses(schoolId, input.classIds);
    const at = this.now();
    const { pupilId, classIds, ...details } = input;
    const tutorGroup = details.tutorGroup ?? tutorGroupFrom(classIds, classes);
    const pupil: Pupil = PupilSchema.parse({
      ...details,
      ...(tutorGroup === undefined ? {} : { tutorGroup }),
      pupilId,
      schoolId,
      classIds,
      archived: false,
      source: 'manual',
      monitoredCategoryIds: [],
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    try {
      await this.deps.pupils.create(pupil);
    } catch (error) {
      if (!(error instanceof PupilAlreadyExistsError)) throw error;
      // A retry of the same request finds its own pupil: answer as the first attempt did.
      const existing = await this.deps.pupils.get(schoolId, pupilId);
      if (existing && existing.version === 1 && sameDetails(existing, pupil)) return profileView(existing);
      throw new PupilConflictError('A pupil with this id already exists.', 'body.pupilId');
    }
    await this.deps.audit.record(viewer.actor, {
      action: 'pupil.create',
      resourceType: 'pupil',
      resourceId: pupilId,
      pupilId,
      detail: 'added by hand',
    });
    return profileView(pupil);
  }

  async update(viewer: Viewer, pupilId: string, changes: PupilChanges): Promise<PupilProfileView> {
    const { version: _version, classIds, ...fields } = changes;
    // The classes are read beside the pupil, so an edit stays at three round trips.
    const [{ pupil, links, intervals }, classes] = await Promise.all([
      this.editable(viewer, pupilId, changes.version),
      classIds === undefined ? Promise.resolve([]) : this.checkedClasses(viewer.actor.schoolId, classIds),
    ]);
    const next: Record<string, unknown> = { ...pupil };
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      if (value === null) delete next[field];
      else next[field] = value;
    }
    if (classIds !== undefined) {
      next.classIds = classIds;
      if (changes.tutorGroup === undefined) {
        const tutorGroup = tutorGroupFrom(classIds, classes);
        if (tutorGroup === undefined) delete next.tutorGroup;
        else next.tutorGroup = tutorGroup;
      }
    }
    const saved = await this.save(
      pupil,
      { ...next, updatedAt: this.now(), version: pupil.version + 1 },
      links,
      intervals,
    );
    const changed = [
      ...Object.keys(fields).filter((field) => fields[field as keyof typeof fields] !== undefined),
    ];
    if (classIds !== undefined) changed.push('classIds');
    await this.deps.audit.record(viewer.actor, {
      action: 'pupil.update',
      resourceType: 'pupil',
      resourceId: pupilId,
      pupilId,
      detail: `changed: ${changed.sort().join(', ')}`,
    });
    return profileView(saved);
  }

  /** Archives (or brings back) a pupil added by hand; the MIS archives its own pupils. */
  async setArchived(
    viewer: Viewer,
    pupilId: string,
    version: number,
    archived: boolean,
  ): Promise<PupilProfileView> {
    const { pupil, links, intervals } = await this.editable(viewer, pupilId, version);
    if (pupil.archived === archived) {
      throw new PupilConflictError(
        archived ? 'This pupil is archived already.' : 'This pupil is not archived.',
      );
    }
    const saved = await this.save(
      pupil,
      { ...pupil, archived, updatedAt: this.now(), version: pupil.version + 1 },
      links,
      intervals,
    );
    await this.deps.audit.record(viewer.actor, {
      action: archived ? 'pupil.archive' : 'pupil.unarchive',
      resourceType: 'pupil',
      resourceId: pupilId,
      pupilId,
    });
    return profileView(saved);
  }

  /** The pupil as read, if the viewer may see it, it was added by hand and is still at `version`. */
  private async editable(viewer: Viewer, pupilId: string, version: number) {
    const read = await this.deps.reader.profileWithLinks(viewer.actor.schoolId, pupilId);
    if (!read || !authorisation.maySeePupil(viewer.access, pupilAccessFacts(read.pupil))) {
      throw new PupilNotFoundError();
    }
    if (read.pupil.source === 'mis') throw new PupilConflictError(MIS_FIELDS_READ_ONLY);
    if (read.pupil.version !== version) throw staleVersion();
    return read;
  }

  private async save(
    previous: Pupil,
    candidate: Record<string, unknown>,
    links: readonly PupilLink[],
    intervals: readonly MonitoringInterval[],
  ): Promise<Pupil> {
    const parsed = PupilSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PupilInvalidFieldError(
        `body.${issue?.path.join('.') ?? ''}`,
        issue?.message ?? 'not acceptable',
      );
    }
    const next = parsed.data;
    const companions = summaryCompanions(this.deps.tableName, next, previous, links, intervals);
    try {
      await this.deps.pupils.update(next, previous, companions);
    } catch (error) {
      if (error instanceof StaleItemError) throw staleVersion();
      throw error;
    }
    return next;
  }

  private async checkedClasses(schoolId: string, classIds: readonly string[]): Promise<ClassGroup[]> {
    if (classIds.length === 0) return [];
    const classes = await this.deps.classes.list(schoolId);
    const known = new Set(classes.map((classGroup) => classGroup.classId));
    const unknown = classIds.find((classId) => !known.has(classId));
    if (unknown !== undefined)
      throw new PupilInvalidFieldError('body.classIds', 'no such class in this school');
    return classes;
  }
}

function staleVersion(): PupilConflictError {
  return new PupilConflictError(
    'Someone else has changed this pupil since you opened it. Reload to see their changes.',
    'body.version',
  );
}

function sameDetails(stored: Pupil, wanted: Pupil): boolean {
  const comparable = (pupil: Pupil) => JSON.stringify({ ...pupil, createdAt: '', updatedAt: '' });
  return comparable(stored) === comparable(wanted);
}
