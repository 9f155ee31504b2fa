/**
 * One deployment region's settings, read from the `lantern:regions` context in cdk.json and
 * validated here, so a typo or a missing field stops `cdk synth` with a message naming the field.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { z } from 'zod';

/** The context key in cdk.json that maps region name → settings. */
export const REGIONS_CONTEXT_KEY = 'lantern:regions';
/** `cdk synth -c region=eu-west-2` selects one region; without it every configured region is built. */
export const REGION_SELECTOR_CONTEXT_KEY = 'region';

/** The retention periods CloudWatch Logs accepts; anything else would fail at deploy time. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const hostname = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a lower-case DNS name',
  );

export const RegionConfigSchema = z
  .object({
    /** Only `dev` may lose data on teardown: every other stage retains and protects stateful resources. */
    stage: z.enum(['dev', 'staging', 'prod']),
    /** Target account; null means the account of the credentials running the CLI. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .nullable()
      .default(null),
    /**
     * The one public origin: CloudFront serves the web app and proxies /api/* to the API, so cookies
     * are first-party. Required (not derived from the distribution) because the API writes it into
     * mail links, and reading it from the distribution would make Api depend on Web and Web on Api.
     */
    domainName: hostname,
    /** ACM certificate for domainName; CloudFront only accepts certificates from us-east-1. */
    certificateArn: z
      .string()
      .regex(
        /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/,
        'must be an ACM certificate ARN in us-east-1 (CloudFront only uses certificates from there)',
      ),
    mailFromAddress: z.email('must be an email address'),
    /** The SES domain identity mail is sent from; the API may only send as this domain. */
    mailIdentityDomain: hostname,
    /** WAF rate limit: requests per viewer IP per 5 minutes before the API blocks that IP. */
    apiRateLimitPer5Min: z.number().int().min(10).max(2_000_000_000),
    logRetentionDays: z
      .number()
      .int()
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
        message: `must be one of the periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`,
      }),
    /**
     * Days a pushed MIS extract is kept (encrypted) after it arrives, for re-running an import and for
     * diagnosing a connector; the extracts bucket's lifecycle rule then deletes it. Data minimisation: keep
     * it short. Default 30.
     */
    extractRetentionDays: z.number().int().min(1).max(365).default(30),
    /** CloudFront price class; PriceClass_100 (Europe and North America edges) suits UK schools. */
    priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100'),
  })
  // Unknown keys are rejected so a misspelt setting fails loudly instead of being ignored.
  .strict()
  .refine(
    (config) => {
      const domain = config.mailFromAddress.split('@')[1] ?? '';
      return domain === config.mailIdentityDomain || domain.endsWith(`.${config.mailIdentityDomain}`);
    },
    { path: ['mailFromAddress'], message: 'must be an address at mailIdentityDomain (SES sends only as it)' },
  );

export type RegionSettings = z.output<typeof RegionConfigSchema>;

export interface RegionConfig extends RegionSettings {
  readonly region: string;
}

const regionName = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * Reads and validates the configured regions. With `-c region=<name>` only that region is returned.
 * Throws an Error whose message names the region and every invalid field.
 */
export function loadRegionConfigs(scope: Construct): RegionConfig[] {
  const raw: unknown = scope.node.tryGetContext(REGIONS_CONTEXT_KEY);
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(
      `cdk.json context "${REGIONS_CONTEXT_KEY}" must be an object mapping region names to settings`,
    );
  }
  const regions = raw as Record<string, unknown>;
  const configured = Object.keys(regions);
  if (configured.length === 0) throw new Error(`cdk.json context "${REGIONS_CONTEXT_KEY}" names no region`);

  const selected: unknown = scope.node.tryGetContext(REGION_SELECTOR_CONTEXT_KEY);
  if (selected !== undefined && typeof selected !== 'string') {
    throw new Error(`-c ${REGION_SELECTOR_CONTEXT_KEY}=<name> must be a region name`);
  }
  if (selected !== undefined && !configured.includes(selected)) {
    throw new Error(
      `Unknown region "${selected}": "${REGIONS_CONTEXT_KEY}" in cdk.json configures ${configured.join(', ')}`,
    );
  }

  return (selected === undefined ? configured : [selected]).map((region) =>
    parseRegionConfig(region, regions[region]),
  );
}

/** Validates one region's settings; exported for tests and for tools that read cdk.json themselves. */
export function parseRegionConfig(region: string, settings: unknown): RegionConfig {
  if (!regionName.test(region)) {
    throw new Error(`"${region}" in "${REGIONS_CONTEXT_KEY}" is not an AWS region name (e.g. eu-west-2)`);
  }
  const parsed = RegionConfigSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.join('.');
      // zod reports a missing field as "expected string, received undefined"; say "required" instead.
      const missing = issue.code === 'invalid_type' && field !== '' && !hasPath(settings, issue.path);
      return `${field || '(settings)'}: ${missing ? 'is required' : issue.message}`;
    });
    throw new Error(
      `Invalid settings for region ${region} in "${REGIONS_CONTEXT_KEY}": ${problems.join('; ')}`,
    );
  }
  return { region, ...parsed.data };
}

function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(key in current)) return false;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

/** What "holding data" means for a stage: outside dev, nothing stateful is deleted with its stack. */
export interface DataProtection {
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  /** Empties buckets on stack deletion; only in dev, where a teardown is meant to remove everything. */
  readonly autoDeleteObjects: boolean;
}

export function dataProtection(config: Pick<RegionConfig, 'stage'>): DataProtection {
  const disposable = config.stage === 'dev';
  return {
    removalPolicy: disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    deletionProtection: !disposable,
    autoDeleteObjects: disposable,
  };
}
