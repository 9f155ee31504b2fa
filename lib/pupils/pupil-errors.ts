/**
 * What pupil operations can refuse, in domain terms; lib/pupils/pupil-problems.ts turns each into
 * problem+json. Every refusal changes nothing.
 */

/** No such pupil in this school, or one the viewer may not see: both answer the same (404). */
export class PupilNotFoundError extends Error {
  constructor(readonly what: string = 'pupil') {
    super(`No such ${what} in this school.`);
    this.name = 'PupilNotFoundError';
  }
}

/** A pupil with this id exists already (a create retried with different details). */
export class PupilAlreadyExistsError extends Error {
  constructor() {
    super('A pupil with this id already exists.');
    this.name = 'PupilAlreadyExistsError';
  }
}

/** The request conflicts with the current state (stale version, an MIS-held field, an existing link…). */
export class PupilConflictError extends Error {
  constructor(
    detail: string,
    readonly field?: string,
  ) {
    super(detail);
    this.name = 'PupilConflictError';
  }
}

/** A field is well-formed but not acceptable here (an unknown or disabled category, a link to oneself…). */
export class PupilInvalidFieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'PupilInvalidFieldError';
  }
}
