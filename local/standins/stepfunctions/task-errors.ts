// Errors a task hands back to the interpreter, shaped so that Retry and Catch match them as on AWS.

/** A task failure: the interpreter matches Retry and Catch on the error's name; the message is the cause. */
export function taskError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

/** States.Runtime: like AWS, neither retried nor caught (the interpreter reads these two flags). */
export function statesRuntimeError(message: string): Error {
  const error = taskError('States.Runtime', message);
  Object.defineProperties(error, { isRetryable: { value: false }, isCatchable: { value: false } });
  return error;
}
