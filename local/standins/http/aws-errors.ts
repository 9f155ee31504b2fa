// Errors the stand-ins answer with: an AwsError names the exception class the SDK raises; anything else
// is a fault in the stand-in itself, described in full for stderr.

export class AwsError extends Error {
  constructor(
    /** The AWS exception name, e.g. ValidationException, which the SDK maps to its error class. */
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function validationException(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
