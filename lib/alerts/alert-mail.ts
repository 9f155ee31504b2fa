/**
 * The alert and assignment mails. They say who alerted the recipient and under which categories, and
 * link to the incident; they never carry what was recorded or the pupil's name (REC-5), because mail
 * leaves Lantern's protection.
 */
import type { OutgoingMail } from '../mail/mail-service';
import type { AlertOutbox, AlertRecipient } from './alert-outbox';

/** Where the incident opens: the web app's incident page for the alerted pupil's copy. */
export function incidentLink(appBaseUrl: string, incidentId: string, pupilId: string): string {
  const base = appBaseUrl.replace(/\/+$/, '');
  return `${base}/incidents/${encodeURIComponent(incidentId)}?pupilId=${encodeURIComponent(pupilId)}`;
}

function categoriesPhrase(outbox: AlertOutbox): string {
  return outbox.categoryNames.length > 0 ? ` (${outbox.categoryNames.join(', ')})` : '';
}

const CLOSING =
  'This email says nothing more on purpose: what was recorded stays in Lantern, where only the people allowed to read it can.';

export function alertMail(outbox: AlertOutbox, recipient: AlertRecipient, appBaseUrl: string): OutgoingMail {
  const what = outbox.event.kind === 'incident' ? 'an incident' : 'an action on an incident';
  const subject = `${outbox.alertedBy.name} alerted you to ${what}${categoriesPhrase(outbox)}`;
  return {
    to: recipient.email,
    subject,
    text: [
      `Hello ${recipient.name},`,
      '',
      `${subject}.`,
      '',
      'Sign in to Lantern to read it:',
      incidentLink(appBaseUrl, outbox.incidentId, outbox.pupilId),
      '',
      CLOSING,
    ].join('\n'),
  };
}

export function assignmentMail(
  outbox: AlertOutbox,
  assignee: AlertRecipient,
  appBaseUrl: string,
): OutgoingMail {
  const subject = `${outbox.alertedBy.name} assigned an incident to you${categoriesPhrase(outbox)}`;
  return {
    to: assignee.email,
    subject,
    text: [
      `Hello ${assignee.name},`,
      '',
      `${subject}. It stays under "My assigned" on your dashboard until it is closed.`,
      '',
      'Sign in to Lantern to read it:',
      incidentLink(appBaseUrl, outbox.incidentId, outbox.pupilId),
      '',
      CLOSING,
    ].join('\n'),
  };
}
