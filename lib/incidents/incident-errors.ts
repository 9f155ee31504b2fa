/**
 * What adding or reading incidents can refuse, in domain terms; lib/incidents/incident-problems.ts
 * turns each into problem+json. Every refusal changes nothing.
 */
import type { FieldError } from '../platform/http/problem';

/**
 * Fields the request may not use: `not-found` names a pupil that is not in this school (answered as
 * 404, like any pupil the caller may not see), `forbidden` a category the caller may not record in
 * (403), `invalid` anything else that is well-formed but unacceptable (400).
 */
export type FieldRefusalKind = 'not-found' | 'forbidden' | 'invalid';

export class IncidentFieldsError extends Error {
  constructor(
    readonly kind: FieldRefusalKind,
    readonly errors: readonly FieldError[],
  ) {
    super(errors.map((error) => `${error.field}: ${error.reason}`).join('; '));
    this.name = 'IncidentFieldsError';
  }
}

/** Collects field refusals and throws the most telling kind: not found, then forbidden, then invalid. */
export class FieldRefusals {
  private readonly byKind = new Map<FieldRefusalKind, FieldError[]>();

  add(kind: FieldRefusalKind, field: string, reason: string): void {
    const list = this.byKind.get(kind) ?? [];
    list.push({ field, reason });
    this.byKind.set(kind, list);
  }

  addAll(kind: FieldRefusalKind, errors: readonly FieldError[]): void {
    for (const error of errors) this.add(kind, error.field, error.reason);
  }

  throwIfAny(): void {
    for (const kind of ['not-found', 'forbidden', 'invalid'] as const) {
      const errors = this.byKind.get(kind);
      if (errors && errors.length > 0) throw new IncidentFieldsError(kind, errors);
    }
  }
}

/** No such incident for this pupil, or one the caller may not see: the same answer for both. */
export class IncidentNotFoundError extends Error {
  constructor(what = 'incident') {
    super(`No such ${what}, or you may not see it.`);
    this.name = 'IncidentNotFoundError';
  }
}

/** The request conflicts with what is stored (an id already used for something else, a stale version). */
export class IncidentConflictError extends Error {
  constructor(
    detail: string,
    readonly field?: string,
  ) {
    super(detail);
    this.name = 'IncidentConflictError';
  }
}

/** The caller may see the incident but not everything a change would touch (REC-6): answered as 403. */
export class IncidentForbiddenError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'IncidentForbiddenError';
  }
}
