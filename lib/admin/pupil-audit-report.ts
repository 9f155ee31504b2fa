/**
 * A pupil's audit report (IAM-7) under the class rule (IAM-4): a pupil of this school outside the
 * reader's classes is answered as unknown, like on every other route that takes a pupil, because the
 * report shows who recorded and read what about them and when. A pupil the school no longer holds keeps
 * their trail readable: the audit log outlives the record. Reading the report is itself audited.
 */
import { authorisation, type AccessProfile, type PupilAccessFacts } from '../access/authorisation';
import type { AuditActor, AuditEvent } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import type { Page } from '../data/page-cursor';
import { AdminNotFoundError } from './admin-errors';

/** Finds a pupil of a school (lib/pupils' PupilRepository); undefined when there is none. */
export interface AuditedPupilLookup {
  get(schoolId: string, pupilId: string): Promise<PupilAccessFacts | undefined>;
}

export class PupilAuditReport {
  constructor(
    private readonly audit: Pick<AuditLog, 'forPupil' | 'record'>,
    private readonly pupils: AuditedPupilLookup,
  ) {}

  async read(
    actor: AuditActor,
    access: AccessProfile,
    pupilId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<AuditEvent>> {
    const [pupil, page] = await Promise.all([
      this.pupils.get(actor.schoolId, pupilId),
      this.audit.forPupil(actor.schoolId, pupilId, limit, cursor),
    ]);
    if (pupil && !authorisation.mayAuditPupil(access, pupil)) throw new AdminNotFoundError('pupil');
    // Reading who has read a pupil's record is itself a read of that pupil's data.
    await this.audit.record(actor, {
      action: 'pupil.audit.read',
      resourceType: 'pupil',
      resourceId: pupilId,
      pupilId,
    });
    return page;
  }
}
