/**
 * The "There is a problem" summary above a form: one link per problem that moves focus to the field,
 * so keyboard and screen-reader users reach what needs fixing in one step.
 */
import type { MouseEvent, Ref } from 'react';

export interface SummaryItem {
  /** The id of the input the problem is about. */
  readonly fieldId: string;
  readonly message: string;
}

export function ErrorSummary({ items, ref }: { items: readonly SummaryItem[]; ref?: Ref<HTMLDivElement> }) {
  function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
    event.preventDefault();
    document.getElementById(fieldId)?.focus();
  }

  return (
    <div ref={ref} className="alert" role="alert" tabIndex={-1}>
      <h2 className="alert__title">There is a problem</h2>
      <ul className="alert__list">
        {items.map(({ fieldId, message }) => (
          <li key={`${fieldId} ${message}`}>
            <a href={`#${fieldId}`} onClick={(event) => focusField(event, fieldId)}>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
