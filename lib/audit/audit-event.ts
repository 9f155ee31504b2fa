/**
 * Audit events (IAM-7, BYD-8): who read or changed what, when and from where. Written for every read
 * of pupil data and every change; never edited or deleted. The detail is a short, non-sensitive
 * description of the change (e.g. which fields changed), never safeguarding content.
 */
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  // Pupil data (used by the records issue and the pupil audit report itself).
  'pupil.read',
  'pupil.chronology.read',
  'pupil.audit.read',
  'incident.read',
  'incident.create',
  'incident.update',
  'document.download',
  // People and permissions.
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.unlock',
  'user.password-link',
  'user.keys.remove',
  'user.audit.read',
  'user.security-log.read',
  'user-group.create',
  'user-group.update',
  'user-group.delete',
  'alert-group.create',
  'alert-group.update',
  'alert-group.delete',
  'class.create',
  'class.access.update',
  'settings.update',
  // Pupils and monitoring.
  'pupil.list',
  'pupil.lookup',
  'pupil.create',
  'pupil.update',
  'pupil.archive',
  'pupil.unarchive',
  'pupil.contact.create',
  'pupil.contact.update',
  'pupil.contact.delete',
  'pupil.link.create',
  'pupil.link.delete',
  'pupil.monitoring.read',
  'pupil.monitoring.update',
  'pupil.attendance.read',
  // Categories and agencies.
  'category.create',
  'category.update',
  'category.delete',
  'category.merge',
  'agency.create',
  'agency.update',
  // Document vault.
  'document.upload',
  'document.list',
  'document.remove',
  'document.alert',
  // Dashboard.
  'dashboard.read',
  // Incidents, actions and alerts.
  'incident.mark-read',
  'action.create',
  'pupil.overview.read',
  'incident.print',
  // Automatic alert rules and clearing a user's alerts (REC-5).
  'alert-rule.create',
  'alert-rule.delete',
  'dashboard.alerts.clear',
  // Training mode (REC-11).
  'training.start',
  'training.finish',
  // MIS connector credentials (MIS-1).
  'mis.connector.create',
  'mis.connector.rotate',
  'mis.connector.revoke',
  // MIS extracts and imports (MIS-1 … MIS-4).
  'mis.extract.push',
  'mis.import.run',
  'mis.import.schedule',
  // Record transfers between schools (TRF-1 … TRF-4, BYD-1, BYD-2), audited at both schools.
  'transfer.detect',
  'transfer.list',
  'transfer.read',
  'transfer.request',
  'transfer.dismiss',
  'transfer.cancel',
  'transfer.authorise',
  'transfer.reject',
  'transfer.copy',
  'transfer.obsolete',
  'transfer.receipt',
  'transfer.settings',
  // The school calendar the KCSIE transfer clock counts school days from (BYD-1).
  'calendar.update',
] as const;

/** The actor id of an MIS connector (lib/audit/audit-actor.ts `auditActorOfConnector`). */
export const CONNECTOR_ACTOR_PATTERN =
  /^connector:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The actor id of work Lantern does by itself, not for a person or a connector's request: e.g.
 * `system:mis-import` (the import deactivating users who vanished from the MIS, IAM-5).
 */
export const SYSTEM_ACTOR_PATTERN = /^system:[a-z][a-z-]{0,39}$/;

export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEventSchema = z
  .object({
    eventId: z.string().uuid(),
    schoolId: z.string().uuid(),
    /** A person's id, `connector:<credentialId>` for an MIS connector's push, or `system:<task>`. */
    actorPersonId: z.union([
      z.string().uuid(),
      z.string().regex(CONNECTOR_ACTOR_PATTERN),
      z.string().regex(SYSTEM_ACTOR_PATTERN),
    ]),
    actorName: z.string(),
    action: AuditActionSchema,
    resourceType: z.string().max(40),
    resourceId: z.string().max(100),
    pupilId: z.string().max(64).optional(),
    at: z.iso.datetime(),
    sourceIp: z.string(),
    userAgent: z.string(),
    requestId: z.string(),
    detail: z.string().max(500).optional(),
  })
  .meta({ id: 'AuditEvent' });

export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** Who is acting and from where: taken from the authenticated request, never from its body. */
export interface AuditActor {
  readonly schoolId: string;
  /** A person's id, `connector:<credentialId>` for an MIS connector, or `system:<task>`. */
  readonly personId: string;
  readonly actorName: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestId: string;
}

export interface AuditEntry {
  readonly action: AuditAction;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly pupilId?: string;
  readonly detail?: string;
}
