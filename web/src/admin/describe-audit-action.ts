/** Audit actions (lib/audit/audit-event.ts AUDIT_ACTIONS) as plain words; unknown ones show as they are. */
const ACTION_LABELS: Readonly<Record<string, string>> = {
  'pupil.read': "Viewed a pupil's profile",
  'pupil.chronology.read': "Viewed a pupil's chronology",
  'pupil.audit.read': "Viewed a pupil's audit report",
  'incident.read': 'Viewed an incident',
  'incident.create': 'Recorded an incident',
  'incident.update': 'Changed an incident',
  'document.download': 'Downloaded a document',
  'user.create': 'Added a user',
  'user.update': 'Changed a user',
  'user.deactivate': 'Deactivated a user',
  'user.reactivate': 'Reactivated a user',
  'user.unlock': "Unlocked a user's sign-in",
  'user.password-link': 'Sent a user a password link',
  'user.keys.remove': "Removed a user's keys",
  'user.audit.read': "Viewed a user's audit trail",
  'user.security-log.read': "Viewed a user's security log",
  'user-group.create': 'Created a user group',
  'user-group.update': 'Changed a user group',
  'user-group.delete': 'Deleted a user group',
  'alert-group.create': 'Created an alert group',
  'alert-group.update': 'Changed an alert group',
  'alert-group.delete': 'Deleted an alert group',
  'class.create': 'Added a class',
  'class.access.update': "Changed a class's access",
  'settings.update': "Changed the school's settings",
};

export function describeAuditAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
