/** One label and value of a summary list (`<dl className="summary-list">`), and a UK date and time in one. */
import type { ReactNode } from 'react';
import { formatUkDateTime } from '../formatting/uk-date-time';

export function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** "14 May 2025, 09:31:07" in UK time, with the exact instant for machines. */
export function UkDateTime({ at }: { at: string }) {
  return <time dateTime={at}>{formatUkDateTime(at)}</time>;
}
