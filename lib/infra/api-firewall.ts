/**
 * The regional WAF web ACL in front of the API stage. CloudFront is the API's only intended client,
 * so the ACL (1) blocks requests that lack CloudFront's origin-verify header, (2) rate-limits per
 * viewer IP, read from a header CloudFront sets (the connecting IP is a CloudFront edge, shared by
 * many schools), then (3) applies AWS managed rule groups.
 */
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER, VIEWER_IP_HEADER } from '../config/edge-headers';

export interface ApiFirewallProps {
  /** ARN of the API Gateway stage to protect. */
  readonly stageArn: string;
  /** Requests per viewer IP per 5 minutes. */
  readonly rateLimitPer5Min: number;
  /** The origin-verify header value (a Secrets Manager dynamic reference, resolved by CloudFormation). */
  readonly originVerifyValue: string;
}

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

function managedRuleGroup(
  name: string,
  priority: number,
  ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[],
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides } },
    visibilityConfig: visibility(name),
  };
}

export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Lantern API: CloudFront-only access, per-viewer rate limit, AWS managed rules',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('lantern-api'),
      rules: [
        {
          name: 'require-cloudfront',
          priority: 0,
          action: { block: {} },
          statement: {
            notStatement: {
              statement: {
                byteMatchStatement: {
                  fieldToMatch: { singleHeader: { Name: ORIGIN_VERIFY_HEADER } },
                  positionalConstraint: 'EXACTLY',
                  searchString: props.originVerifyValue,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('require-cloudfront'),
        },
        {
          name: 'rate-limit-per-viewer-ip',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.rateLimitPer5Min,
              evaluationWindowSec: 300,
              aggregateKeyType: 'FORWARDED_IP',
              // MATCH blocks a request without a valid viewer IP: only callers bypassing CloudFront lack one.
              forwardedIpConfig: { headerName: VIEWER_IP_HEADER, fallbackBehavior: 'MATCH' },
            },
          },
          visibilityConfig: visibility('rate-limit-per-viewer-ip'),
        },
        managedRuleGroup('AWSManagedRulesAmazonIpReputationList', 2),
        // The common set blocks bodies over 8 KB; a safeguarding narrative can be longer, and the
        // application enforces its own MAX_BODY_BYTES, so that one rule only counts.
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 3, [
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 4),
      ],
    });

    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
