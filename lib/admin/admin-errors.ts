/**
 * What an admin operation can refuse, in domain terms; the admin handler turns each into its
 * problem+json (404, 409, 400). Every refusal changes nothing.
 */
export class AdminNotFoundError extends Error {
  constructor(readonly what: string) {
    super(`No such ${what} in this school.`);
    this.name = 'AdminNotFoundError';
  }
}

/** The request conflicts with the current state (stale version, name taken, group not empty…). */
export class AdminConflictError extends Error {
  constructor(
    detail: string,
    readonly field?: string,
  ) {
    super(detail);
    this.name = 'AdminConflictError';
  }
}

/** A field is well-formed but not acceptable here (e.g. an email outside the allowed domains). */
export class AdminInvalidFieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'AdminInvalidFieldError';
  }
}
