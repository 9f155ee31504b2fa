// Validates a request body against its zod shape, refusing it with ValidationException as AWS does.
import { z } from 'zod';
import { validationException } from './aws-errors';

export function parseInput<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw validationException(z.prettifyError(result.error));
  return result.data;
}
