/**
 * Helpers for cdk-nag acknowledgements that name a finding exactly. cdk-nag reports each wildcard
 * IAM resource as its own finding (`AwsSolutions-IAM5[Resource::<flattened ARN>]`), so an
 * acknowledgement must spell the ARN the way cdk-nag flattens it; these helpers compute that from
 * the same token the grant used, so the acknowledgement follows the grant and covers nothing else.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';

/** The IAM5 finding id cdk-nag reports for a wildcard resource in a policy of `scope`'s stack. */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;
}

/**
 * Acknowledges the IAM5 findings for these resources on `scope` (a role or its policy), with one
 * reason. Each resource must contain a wildcard; a resource without one is a mistake in the caller.
 */
export function acknowledgeWildcardResources(
  scope: IConstruct,
  resources: readonly string[],
  reason: string,
): void {
  for (const resource of resources) {
    Validations.of(scope).acknowledge({ id: wildcardResourceFinding(scope, resource), reason });
  }
}
