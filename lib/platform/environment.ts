/**
 * Environment contracts, one zod schema per kind of function. Each function validates its
 * environment once at start-up, and the CDK AppFunction construct is typed from the same schema,
 * so a missing variable fails the build rather than a request.
 */
import { z } from 'zod';

const booleanString = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Settings every function shares: where data lives and how SDK clients are configured. */
export const BaseEnvironmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  POWERTOOLS_SERVICE_NAME: z.string().min(1),
  POWERTOOLS_METRICS_NAMESPACE: z.string().min(1),
  /** Path-style S3 addressing; only the local S3 stand-in needs it. */
  S3_FORCE_PATH_STYLE: booleanString.default(false),
});

export const ApiEnvironmentSchema = BaseEnvironmentSchema.extend({
  VAULT_BUCKET: z.string().min(1),
  EXTRACTS_BUCKET: z.string().min(1),
  /** Customer-managed KMS key (id, ARN or alias) for application-level encryption. */
  DATA_KEY_ID: z.string().min(1),
  /** Customer-managed KMS key (id, ARN or alias) the vault's documents and exports are encrypted with. */
  VAULT_KEY_ID: z.string().min(1),
  MAIL_FROM: z.string().email(),
  TRANSFER_STATE_MACHINE_ARN: z.string().min(1),
  SCHEDULE_GROUP_NAME: z.string().min(1),
  /** The MIS import task function and the role Scheduler assumes to run it (nightly and "run now"). */
  MIS_IMPORT_FUNCTION_ARN: z.string().min(1),
  SCHEDULER_ROLE_ARN: z.string().min(1),
  /** The public origin of the web app, used in links sent by mail. */
  APP_BASE_URL: z.string().url(),
  /** Largest request body accepted, in bytes (API Gateway's own ceiling is 10 MB). */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
});

export const WorkflowEnvironmentSchema = BaseEnvironmentSchema.extend({
  /** The MIS import task reads pushed extracts from here (SSE-KMS with the vault key). */
  EXTRACTS_BUCKET: z.string().min(1),
  /** The transfer copy moves documents between schools' vault prefixes, re-encrypting each. */
  VAULT_BUCKET: z.string().min(1),
  VAULT_KEY_ID: z.string().min(1),
  /**
   * The import task starts transfer executions it detects; the transfer steps answer their own waits.
   * Built from the machine's fixed name, not a reference, so the machine can call these functions.
   */
  TRANSFER_STATE_MACHINE_ARN: z.string().min(1),
  /** Scheduled tasks send mail too (alert delivery left over by a request). */
  MAIL_FROM: z.string().email(),
  /** The public origin of the web app, used in links sent by mail. */
  APP_BASE_URL: z.string().url(),
});

export type ApiEnvironment = z.output<typeof ApiEnvironmentSchema>;
export type WorkflowEnvironment = z.output<typeof WorkflowEnvironmentSchema>;

/** What a deployment supplies: each variable as a string (CDK tokens are strings); defaults stay optional. */
export type EnvironmentInput<S extends z.ZodObject> = { [K in keyof z.input<S>]: string };

/** Validates process.env against a schema; throws one readable error listing every problem. */
export function loadEnvironment<S extends z.ZodObject>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid function environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Variables the Lambda runtime itself provides (reserved: a deployment cannot set them). */
export const LambdaRuntimeSchema = z.object({ AWS_REGION: z.string().min(1) });
