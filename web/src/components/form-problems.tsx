/** What is wrong with an admin form: an error summary for fields, or the API's problem. */
import type { Ref } from 'react';
import { summaryItems, type FormFields, type FormState } from '../admin/form-state';
import { AdminProblem } from './admin-problem';
import { ErrorSummary } from './error-summary';

interface FormProblemsProps<F extends string> {
  state: FormState<F>;
  fields: FormFields<F>;
  alertRef: Ref<HTMLDivElement>;
  onReload?: () => void;
}

export function FormProblems<F extends string>({ state, fields, alertRef, onReload }: FormProblemsProps<F>) {
  if (state.kind === 'invalid')
    return <ErrorSummary ref={alertRef} items={summaryItems(state.errors, fields)} />;
  if (state.kind === 'refused') {
    return <AdminProblem ref={alertRef} problem={state.problem} {...(onReload ? { onReload } : {})} />;
  }
  return null;
}
