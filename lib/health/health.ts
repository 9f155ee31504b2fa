/** The health report: whether each AWS dependency Lantern needs answers right now. */
import { z } from 'zod';

export const DEPENDENCY_NAMES = ['dynamodb', 's3', 'kms', 'ses', 'stepfunctions', 'scheduler'] as const;

export const DependencyHealthSchema = z
  .object({
    name: z.enum(DEPENDENCY_NAMES),
    status: z.enum(['ok', 'down']),
    latencyMs: z.number().int().min(0),
    detail: z.string().optional().meta({ description: 'Error name when down; never internal detail.' }),
  })
  .meta({ id: 'DependencyHealth' });

export const HealthReportSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checkedAt: z.iso.datetime(),
    dependencies: z.array(DependencyHealthSchema),
  })
  .meta({ id: 'HealthReport' });

export type DependencyName = (typeof DEPENDENCY_NAMES)[number];
export type DependencyHealth = z.infer<typeof DependencyHealthSchema>;
export type HealthReport = z.infer<typeof HealthReportSchema>;
