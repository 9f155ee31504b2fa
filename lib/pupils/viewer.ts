/** Who is asking, as every pupil service needs it: what they may do, and who they are for the audit log. */
import type { AccessProfile } from '../access/authorisation';
import type { AuditActor } from '../audit/audit-event';

export interface Viewer {
  readonly access: AccessProfile;
  readonly actor: AuditActor;
}
