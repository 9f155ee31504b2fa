/**
 * Reading a pupil's attendance (the pupil page's Attendance tab): authorised exactly like the pupil's
 * record (students.details and class restrictions; a pupil the viewer may not see is answered as
 * unknown) and audited as `pupil.attendance.read` before anything is returned.
 */
import { authorisation } from '../access/authorisation';
import type { AuditLog } from '../audit/audit-log';
import { pupilAccessFacts, type Pupil } from '../pupils/pupil';
import { PupilNotFoundError } from '../pupils/pupil-errors';
import type { Viewer } from '../pupils/viewer';
import type { PupilAttendance } from './attendance';
import type { AttendanceRepository } from './attendance-repository';

export interface AttendanceDependencies {
  readonly attendance: AttendanceRepository;
  readonly pupils: { get(schoolId: string, pupilId: string): Promise<Pupil | undefined> };
  readonly audit: AuditLog;
}

export class AttendanceService {
  constructor(private readonly deps: AttendanceDependencies) {}

  /** The profile (GetItem) and the attendance (one Query) are read together: one round trip. */
  async read(viewer: Viewer, pupilId: string, months: number): Promise<PupilAttendance> {
    const { access, actor } = viewer;
    const [pupil, stored] = await Promise.all([
      this.deps.pupils.get(actor.schoolId, pupilId),
      this.deps.attendance.latest(actor.schoolId, pupilId, months),
    ]);
    if (!pupil || !authorisation.maySeePupil(access, pupilAccessFacts(pupil))) {
      throw new PupilNotFoundError();
    }
    await this.deps.audit.record(actor, {
      action: 'pupil.attendance.read',
      resourceType: 'pupil',
      resourceId: pupilId,
      pupilId,
    });
    const { record } = stored;
    return {
      pupilId,
      ...(record?.marked ? { marked: record.marked } : {}),
      ...(record?.reported ? { reported: record.reported } : {}),
      ...(record ? { updatedAt: record.updatedAt } : {}),
      months: stored.months.map((month) => ({ month: month.month, days: month.days })),
    };
  }
}
