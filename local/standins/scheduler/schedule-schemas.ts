// The shapes of scheduler request bodies and of the schedules and groups the stand-in stores.
import { z } from 'zod';

const retryPolicySchema = z.object({
  MaximumEventAgeInSeconds: z.number().int().min(60).max(86400).optional(),
  MaximumRetryAttempts: z.number().int().min(0).max(185).optional(),
});

// Loose: target parameters this stand-in does not act on (SqsParameters, EcsParameters, …) are kept.
const targetSchema = z.looseObject({
  Arn: z.string().min(1).max(1600),
  RoleArn: z.string().min(1).max(1600),
  Input: z.string().min(1).max(8192).optional(),
  RetryPolicy: retryPolicySchema.optional(),
});

/** CreateSchedule and UpdateSchedule. */
export const scheduleBodySchema = z.object({
  ScheduleExpression: z.string().min(1).max(256),
  ScheduleExpressionTimezone: z.string().min(1).max(50).optional(),
  StartDate: z.number().optional(),
  EndDate: z.number().optional(),
  Description: z.string().max(512).optional(),
  State: z.enum(['ENABLED', 'DISABLED']).optional(),
  KmsKeyArn: z.string().max(2048).optional(),
  ClientToken: z.string().max(64).optional(),
  ActionAfterCompletion: z.enum(['NONE', 'DELETE']).optional(),
  GroupName: z.string().optional(),
  FlexibleTimeWindow: z.object({
    Mode: z.enum(['OFF', 'FLEXIBLE']),
    MaximumWindowInMinutes: z.number().int().min(1).max(1440).optional(),
  }),
  Target: targetSchema,
});

/** CreateScheduleGroup. */
export const groupBodySchema = z.object({
  Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
  ClientToken: z.string().optional(),
});

const storedScheduleSchema = z.object({
  Name: z.string(),
  GroupName: z.string(),
  ScheduleExpression: z.string(),
  ScheduleExpressionTimezone: z.string(),
  StartDate: z.number().optional(),
  EndDate: z.number().optional(),
  Description: z.string().optional(),
  State: z.enum(['ENABLED', 'DISABLED']),
  KmsKeyArn: z.string().optional(),
  ActionAfterCompletion: z.enum(['NONE', 'DELETE']),
  FlexibleTimeWindow: scheduleBodySchema.shape.FlexibleTimeWindow,
  Target: targetSchema,
  CreationDate: z.number(),
  LastModificationDate: z.number(),
  ClientToken: z.string().optional(),
  /** Epoch ms: occurrences at or after this instant have not fired yet. */
  cursor: z.number(),
  /** A one-time schedule that has fired. */
  completed: z.boolean().optional(),
});

const storedGroupSchema = z.object({
  Name: z.string(),
  CreationDate: z.number(),
  LastModificationDate: z.number(),
  Tags: groupBodySchema.shape.Tags,
});

/** `<dataDir>/schedules.json`. */
export const stateFileSchema = z.object({
  version: z.literal(1),
  groups: z.array(storedGroupSchema),
  schedules: z.array(storedScheduleSchema),
});

export type StoredSchedule = z.infer<typeof storedScheduleSchema>;
export type StoredGroup = z.infer<typeof storedGroupSchema>;
