/** Types of the admin shapes, inferred from their schemas. */
import type { z } from 'zod';
import type { UserDetailSchema, UserSummarySchema } from './admin-schemas';

export type UserSummary = z.infer<typeof UserSummarySchema>;
export type UserDetail = z.infer<typeof UserDetailSchema>;
