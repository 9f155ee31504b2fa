/**
 * Builds the CDK app the infra tests assert on: the region configured in cdk.json, with the same
 * stacks bin/app.ts builds, but with asset bundling switched off so tests run in seconds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { REPOSITORY_ROOT } from '../../lib/config/repository-root';
import { loadRegionConfigs, REGIONS_CONTEXT_KEY, type RegionConfig } from '../../lib/config/region-config';
import { buildRegionStacks, type RegionStacks } from '../../lib/infra/region-stacks';

/** The `context` block of cdk.json, as the CDK CLI would pass it to the app. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface TestAppOptions {
  /** Overrides for the configured region's settings (for example `{ stage: 'dev' }`). */
  readonly settings?: Record<string, unknown>;
  readonly account?: string;
  /**
   * Run CDK's built-in CloudFormation rule validation during synth (as `cdk synth` does). It takes
   * most of a synth's time, so only the test that is about validation turns it on.
   */
  readonly cloudFormationValidation?: boolean;
  /** Adds constructs before the synth (for tests that need a deliberately bad resource). */
  readonly extend?: (stacks: RegionStacks) => void;
}

export interface TestApp {
  readonly app: App;
  readonly config: RegionConfig;
  readonly stacks: RegionStacks;
  readonly template: (stack: Stack) => Template;
}

export function buildTestApp(options: TestAppOptions = {}): TestApp {
  const context = structuredClone(cdkJsonContext());
  const regions = context[REGIONS_CONTEXT_KEY] as Record<string, Record<string, unknown>>;
  const region = Object.keys(regions)[0];
  if (region === undefined) throw new Error('cdk.json configures no region');
  regions[region] = { ...regions[region], ...options.settings };

  // An empty bundling-stacks list skips every asset's bundling (esbuild, Vite), as `cdk synth -e` would.
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const [config] = loadRegionConfigs(app);
  if (!config) throw new Error('no region config loaded');
  const stacks = buildRegionStacks(app, config, { account: options.account, region: config.region });

  options.extend?.(stacks);
  synthesize(app, options.cloudFormationValidation ?? false);
  const templates = new Map<Stack, Template>();
  const template = (stack: Stack): Template => {
    let found = templates.get(stack);
    if (!found) {
      found = Template.fromStack(stack);
      templates.set(stack, found);
    }
    return found;
  };
  return { app, config, stacks, template };
}

/** Synthesizes once, now; Template.fromStack then reads the cached assembly. */
function synthesize(app: App, cloudFormationValidation: boolean): void {
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = String(cloudFormationValidation);
  try {
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
}

export function allStacks(stacks: RegionStacks): Stack[] {
  return [stacks.data, stacks.workflow, stacks.schedules, stacks.api, stacks.web];
}

/** The logical id CloudFormation will see for a construct's default CFN resource. */
export function logicalIdOf(construct: IConstruct): string {
  const child = construct.node.defaultChild;
  if (!child) throw new Error(`${construct.node.path} has no default child`);
  return Stack.of(construct).getLogicalId(child as CfnElement);
}

/** One resource of a synthesized template, typed as far as the tests rely on it. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export function resourcesOf(template: Template): Record<string, CfnResourceJson> {
  return (template.toJSON() as { Resources: Record<string, CfnResourceJson> }).Resources;
}

export function resourceOf(template: Template, logicalId: string): CfnResourceJson {
  const resource = resourcesOf(template)[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId} in the template`);
  return resource;
}

/** jest's asymmetric matchers typed as unknown, so they can sit inside typed expectation objects. */
export const matching = {
  anything: (): unknown => expect.anything(),
  string: (): unknown => expect.any(String),
  objectContaining: (object: object): unknown => expect.objectContaining(object),
  stringMatching: (pattern: RegExp): unknown => expect.stringMatching(pattern),
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A template with the values that change for reasons unrelated to the infrastructure (asset
 * hashes, bundled code locations) replaced by placeholders, for snapshot comparison.
 */
export function normalisedTemplate(template: Template): Json {
  const replace = (value: Json): Json => {
    if (typeof value === 'string') return value.replace(/[0-9a-f]{64}/g, '<asset-hash>');
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner)]));
    }
    return value;
  };
  return replace(template.toJSON());
}
