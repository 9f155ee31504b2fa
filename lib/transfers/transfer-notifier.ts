/**
 * Transfer mail (issue 6, item 7): each step tells the relevant school's transfer administrators —
 * active members whose group grants `admin.transfers` and who hold a key, since only an elevated key
 * holder can act on a transfer. An escalation also reaches the school's settings administrators
 * (senior leaders). Mail says what is waiting and links to it; it never names the pupil or carries
 * anything recorded about them, because mail leaves Lantern's protection.
 */
import type { UserGroupRepository } from '../access/user-group-repository';
import type { MembershipRepository } from '../identity/membership-repository';
import type { KeyRepository } from '../identity/keys/key-repository';
import type { MailService, OutgoingMail } from '../mail/mail-service';
import type { SystemPermission } from '../access/permissions';

export type TransferMailKind =
  | 'detected'
  | 'requested'
  | 'authorised'
  | 'rejected'
  | 'dismissed'
  | 'cancelled'
  | 'transferred'
  | 'receipt-confirmed'
  | 'reminder'
  | 'escalation'
  | 'overdue'
  | 'obsolete'
  | 'copy-stopped';

const SUBJECTS: Readonly<Record<TransferMailKind, string>> = {
  detected: 'A record transfer is ready for your school to request',
  requested: 'A record transfer has been requested from your school',
  authorised: 'A record transfer to your school has been authorised and is being copied',
  rejected: 'A record transfer your school requested was rejected',
  dismissed: 'A record transfer from your school was dismissed by the new school',
  cancelled: 'A record transfer request to your school was cancelled',
  transferred: 'A record transfer is complete: please confirm receipt',
  'receipt-confirmed': 'The new school confirmed receipt of a record transfer',
  reminder: 'Reminder: a requested record transfer is due within a school day',
  escalation: 'Overdue: a requested record transfer has not been authorised within 5 school days',
  overdue: 'A record transfer your school requested is overdue at the previous school',
  obsolete: 'A record transfer is no longer needed',
  'copy-stopped': 'A record transfer stopped while copying',
};

const WHAT_TO_DO: Readonly<Record<TransferMailKind, string>> = {
  detected:
    'A pupil who has joined your school has records at their previous school. Request them in Admin > Transfers.',
  requested:
    'Keeping Children Safe in Education expects the file within 5 school days. Review the transfer settings and the records, then authorise it in Admin > Transfers.',
  authorised: 'The records are being copied. You will be told when they have arrived.',
  rejected: 'Contact the previous school to find out why.',
  dismissed: 'Nothing more is needed.',
  cancelled: 'Nothing more is needed.',
  transferred:
    'Check what arrived against the manifest and confirm receipt in Admin > Transfers. Give the Legacy categories permissions so staff can read the records.',
  'receipt-confirmed': 'The confirmation is kept with the transfer.',
  reminder: 'Authorise or reject it in Admin > Transfers.',
  escalation: 'Authorise or reject it in Admin > Transfers today.',
  overdue: 'The previous school has been reminded. You may wish to contact them.',
  obsolete: 'The pupil is no longer moving between these schools. Nothing more is needed.',
  'copy-stopped': 'Nothing has been lost and the copy resumes when run again. Lantern support has been told.',
};

const CLOSING =
  'This email says nothing more on purpose: pupil details stay in Lantern, where only the people allowed to read them can.';

export interface TransferNotifierDependencies {
  readonly memberships: MembershipRepository;
  readonly groups: UserGroupRepository;
  readonly keys: KeyRepository;
  readonly mail: MailService;
  readonly appBaseUrl: string;
}

export class TransferNotifier {
  constructor(private readonly deps: TransferNotifierDependencies) {}

  /** Mails the school's transfer administrators (and, for an escalation, its settings administrators). */
  async notify(schoolId: string, kind: TransferMailKind, transferId: string): Promise<number> {
    const permissions: SystemPermission[] =
      kind === 'escalation' ? ['admin.transfers', 'admin.settings'] : ['admin.transfers'];
    const recipients = await this.recipients(schoolId, permissions);
    for (const recipient of recipients)
      await this.deps.mail.send(transferMail(kind, transferId, recipient, this.deps.appBaseUrl));
    return recipients.length;
  }

  private async recipients(
    schoolId: string,
    permissions: readonly SystemPermission[],
  ): Promise<{ name: string; email: string }[]> {
    const [members, groups] = await Promise.all([
      this.deps.memberships.listForSchool(schoolId),
      this.deps.groups.list(schoolId),
    ]);
    const granting = new Set(
      groups
        .filter((group) => permissions.some((permission) => group.systemPermissions.includes(permission)))
        .map((group) => group.groupId),
    );
    const candidates = members.filter(
      (member) => member.status === 'active' && member.groupId !== undefined && granting.has(member.groupId),
    );
    const holders = await Promise.all(candidates.map((member) => this.deps.keys.hasAny(member.personId)));
    return candidates
      .filter((_member, index) => holders[index])
      .map((member) => ({ name: member.displayName, email: member.email }));
  }
}

export function transferLink(appBaseUrl: string, transferId: string): string {
  return `${appBaseUrl.replace(/\/+$/, '')}/admin/transfers/${encodeURIComponent(transferId)}`;
}

export function transferMail(
  kind: TransferMailKind,
  transferId: string,
  recipient: { name: string; email: string },
  appBaseUrl: string,
): OutgoingMail {
  return {
    to: recipient.email,
    subject: SUBJECTS[kind],
    text: [
      `Hello ${recipient.name},`,
      '',
      `${SUBJECTS[kind]}.`,
      WHAT_TO_DO[kind],
      '',
      'Sign in to Lantern to see it:',
      transferLink(appBaseUrl, transferId),
      '',
      CLOSING,
    ].join('\n'),
  };
}
