/**
 * The state of an admin form and how an API refusal maps onto its fields. A refusal that names
 * fields ("body.email") shows beside those fields, as the browser's own checks do; anything else
 * shows as the problem it is.
 */
import { useEffect, useRef, useState } from 'react';
import type { Problem } from '../api/problem';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export type FormState<F extends string> =
  | { kind: 'editing' }
  | { kind: 'submitting' }
  | { kind: 'invalid'; errors: FieldErrors<F> }
  | { kind: 'refused'; problem: Problem };

export interface FieldDescription {
  /** The id of the input, which the error summary links to. */
  readonly id: string;
  /** The field's name as a sentence would start with it, for reasons that are not sentences. */
  readonly label: string;
}

export type FormFields<F extends string> = Readonly<Record<F, FieldDescription>>;

/** "must not be empty" becomes "Name must not be empty"; a full sentence stays as it is. */
function fieldMessage(label: string, reason: string): string {
  return /^[a-z]/.test(reason) ? `${label} ${reason}` : reason;
}

/**
 * The form state for an API refusal: field errors when every field it names is one of this form's
 * (matched on `body.<name>` or `body.<name>.<index>`), otherwise the problem itself.
 */
export function refusalState<F extends string>(problem: Problem, fields: FormFields<F>): FormState<F> {
  const reported = (problem.errors ?? []).filter(({ field }) => field !== 'body.version');
  if (reported.length === 0) return { kind: 'refused', problem };
  const errors: FieldErrors<F> = {};
  for (const { field, reason } of reported) {
    const [location, name] = field.split('.');
    const formField = (Object.keys(fields) as F[]).find((candidate) => candidate === name);
    if (location !== 'body' || !formField) return { kind: 'refused', problem };
    errors[formField] ??= fieldMessage(fields[formField].label, reason);
  }
  return { kind: 'invalid', errors };
}

/** Summary items for an error summary, in the order the fields are listed. */
export function summaryItems<F extends string>(errors: FieldErrors<F>, fields: FormFields<F>) {
  return (Object.keys(fields) as F[]).flatMap((name) => {
    const message = errors[name];
    return message ? [{ fieldId: fields[name].id, message }] : [];
  });
}

/**
 * The form's state, with a ref for its problem summary that takes focus whenever a problem appears,
 * so it is read out and the fields follow it.
 */
export function useFormState<F extends string>() {
  const [state, setState] = useState<FormState<F>>({ kind: 'editing' });
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.kind === 'invalid' || state.kind === 'refused') alertRef.current?.focus();
  }, [state]);
  const errors: FieldErrors<F> = state.kind === 'invalid' ? state.errors : {};
  return { state, setState, alertRef, errors, submitting: state.kind === 'submitting' };
}
