/**
 * Operator tokens authenticate the operator-only API (school provisioning and listing). Only the
 * SHA-256 of a token is stored; the token itself is shown once, when it is created.
 */
import { z } from 'zod';

export const OperatorTokenSchema = z.object({
  tokenId: z.string().uuid(),
  label: z.string().min(1).max(100),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().optional(),
});

export type OperatorToken = z.infer<typeof OperatorTokenSchema>;

/** A prefix makes leaked tokens easy to recognise in secret scanners. */
export const OPERATOR_TOKEN_PREFIX = 'lantern_op_';
