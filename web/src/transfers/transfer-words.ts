/**
 * Transfers in the words the incumbent's guide uses (seed "All About Transfers"): each status and
 * direction with its short definition, and the decisions as buttons name them.
 */
import type { AllowedAction, MatchedOn, TransferDirection, TransferStatus } from './transfers-api';

export const DIRECTION_WORDS: Readonly<Record<TransferDirection, string>> = {
  incoming: 'Incoming',
  outgoing: 'Outgoing',
};

export const DIRECTION_MEANINGS: Readonly<Record<TransferDirection, string>> = {
  incoming: "This school receives the records: it is the pupil's new school.",
  outgoing: "This school sends its records for the pupil: it is the pupil's previous school.",
};

export const STATUS_MEANINGS: Readonly<Record<TransferStatus, string>> = {
  Pending: 'Detected at both schools. Waiting for the new (incoming) school to request it.',
  Requested: 'Waiting for the previous (outgoing) school to authorise it.',
  Transferring: 'Authorised: the records are being copied to the new school.',
  Transferred:
    "Requested and authorised: the records are in the new school's Lantern, under Legacy categories.",
  Rejected: 'The previous school rejected the request. Ask them why.',
  Dismissed: 'The new school does not want the records (for example, the pupil did not join after all).',
  Cancelled: 'The new school withdrew its request before it was authorised.',
  Obsolete: 'The pupil is archived at both schools, or back at the previous school. No action available.',
};

export const ACTION_WORDS: Readonly<Record<AllowedAction, string>> = {
  request: 'Request',
  dismiss: 'Dismiss',
  cancel: 'Cancel request',
  authorise: 'Authorise',
  reject: 'Reject',
  'confirm-receipt': 'Confirm receipt',
};

/** What a decision did, for the notice after it. */
export const ACTION_DONE: Readonly<Record<AllowedAction, string>> = {
  request: 'Transfer requested. The previous school has been asked to authorise it.',
  dismiss: 'Transfer dismissed. Nothing will be sent.',
  cancel: 'Request cancelled. Nothing will be sent.',
  authorise: 'Transfer authorised. The records are being copied to the new school.',
  reject: 'Request rejected. Nothing will be sent.',
  'confirm-receipt': 'Receipt confirmed. Both schools can see who confirmed it and when.',
};

/** "UPN A123…" / "ULN 1234567890". */
export function matchedOnWords(matchedOn: MatchedOn): string {
  return `${matchedOn.kind.toUpperCase()} ${matchedOn.value}`;
}

/** Today's date in the UK as YYYY-MM-DD, to compare with a KCSIE due date. */
export function ukToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

/** A due date has passed once the UK day after it has begun. */
export function isOverdue(dueBy: string, now: Date = new Date()): boolean {
  return ukToday(now) > dueBy;
}
