// The Api stack: routes laid out from the manifest, RFC 9457 gateway errors, JSON access logs, a
// regional WAF in front of the stage, and least-privilege grants for the area functions.
import { Match } from 'aws-cdk-lib/assertions';
import { API_AREAS, areaForPath, CATCH_ALL_AREA_ID } from '../../lib/config/function-manifest';
import { API_STAGE_NAME } from '../../lib/infra/api-stack';
import { ORIGIN_VERIFY_HEADER, VIEWER_IP_HEADER } from '../../lib/config/edge-headers';
import { buildTestApp, logicalIdOf, matching, resourcesOf } from './infra-app';

const test = buildTestApp();
const { api, data, workflow, schedules } = test.stacks;
const template = () => test.template(api);
const resources = () => resourcesOf(template());

/** Full resource paths (e.g. /api/health/{proxy+}) of the REST API, from the template. */
function resourcePaths(): Map<string, string> {
  const all = resources();
  const paths = new Map<string, string>();
  const pathOf = (logicalId: string): string => {
    const resource = all[logicalId]!;
    const parent = resource.Properties.ParentId as { Ref?: string };
    const prefix = parent.Ref ? pathOf(parent.Ref) : '';
    return `${prefix}/${resource.Properties.PathPart as string}`;
  };
  for (const [logicalId, resource] of Object.entries(all)) {
    if (resource.Type === 'AWS::ApiGateway::Resource') paths.set(logicalId, pathOf(logicalId));
  }
  return paths;
}

/** Which area function an ANY method on a path invokes, read from its integration URI. */
function areaRoutedAt(path: string): string | undefined {
  const paths = resourcePaths();
  const resourceId = [...paths].find(([, resourcePath]) => resourcePath === path)?.[0];
  const method = Object.values(resources()).find(
    (resource) =>
      resource.Type === 'AWS::ApiGateway::Method' &&
      resource.Properties.HttpMethod === 'ANY' &&
      JSON.stringify(resource.Properties.ResourceId) ===
        JSON.stringify(
          resourceId ? { Ref: resourceId } : { 'Fn::GetAtt': [logicalIdOf(api.api), 'RootResourceId'] },
        ),
  );
  const uri = JSON.stringify((method?.Properties.Integration as { Uri?: unknown } | undefined)?.Uri);
  return [...api.functions].find(([, fn]) => uri.includes(logicalIdOf(fn.function)))?.[0];
}

describe('Api stack', () => {
  it('is a regional REST API without an account-wide CloudWatch role', () => {
    template().hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    template().resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('routes /api/<prefix> and /api/<prefix>/{proxy+} of every manifest prefix to its area', () => {
    for (const area of API_AREAS) {
      for (const prefix of area.pathPrefixes) {
        expect(areaRoutedAt(prefix)).toBe(area.id);
        expect(areaRoutedAt(`${prefix}/{proxy+}`)).toBe(area.id);
      }
    }
  });

  it('sends every other path to the catch-all area, so unknown paths get the app 404', () => {
    expect(areaRoutedAt('/{proxy+}')).toBe(CATCH_ALL_AREA_ID);
    expect(areaRoutedAt('/api/{proxy+}')).toBe(areaForPath('/api/unknown').id);
    for (const path of resourcePaths().values()) {
      expect(areaRoutedAt(path)).toBe(areaForPath(path.replace('/{proxy+}', '/x')).id);
    }
  });

  it('uses Lambda proxy integrations and no gateway authoriser (the app authorises)', () => {
    const methods = Object.values(resources()).filter(
      (resource) => resource.Type === 'AWS::ApiGateway::Method',
    );
    expect(methods.length).toBeGreaterThan(0);
    for (const method of methods) {
      expect(method.Properties).toMatchObject({
        AuthorizationType: 'NONE',
        Integration: { Type: 'AWS_PROXY' },
      });
    }
  });

  it('writes JSON access logs to a retained log group, with tracing, metrics and throttling', () => {
    const stage = Object.values(resources()).find((resource) => resource.Type === 'AWS::ApiGateway::Stage')!;
    expect(stage.Properties).toMatchObject({
      StageName: API_STAGE_NAME,
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: matching.anything(), Format: matching.string() },
      MethodSettings: [
        matching.objectContaining({
          MetricsEnabled: true,
          ThrottlingRateLimit: 200,
          ThrottlingBurstLimit: 400,
        }),
      ],
    });
    const format = JSON.parse((stage.Properties.AccessLogSetting as { Format: string }).Format) as Record<
      string,
      string
    >;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      wafStatus: '$context.waf.status',
    });
    template().hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ RetentionInDays: test.config.logRetentionDays }),
    });
  });

  it('answers gateway-level errors as problem+json with the status in the body', () => {
    const responses = Object.values(resources()).filter(
      (resource) => resource.Type === 'AWS::ApiGateway::GatewayResponse',
    );
    const byType = new Map(
      responses.map((response) => [response.Properties.ResponseType as string, response.Properties]),
    );

    expect([...byType.keys()]).toEqual(
      expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX', 'THROTTLED', 'WAF_FILTERED']),
    );
    for (const response of byType.values()) {
      expect(response.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Content-Type': "'application/problem+json'",
      });
      const body = JSON.parse(
        (response.ResponseTemplates as Record<string, string>)['application/json']!,
      ) as Record<string, unknown>;
      expect(body).toMatchObject({ type: 'about:blank', title: matching.string() });
      if (response.StatusCode !== undefined) expect(body.status).toBe(Number(response.StatusCode));
    }
    expect(byType.get('THROTTLED')).toMatchObject({ StatusCode: '429' });
    expect(
      JSON.parse(
        (byType.get('WAF_FILTERED')!.ResponseTemplates as Record<string, string>)['application/json']!,
      ),
    ).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
  });

  it('associates a regional WAF web ACL with the stage', () => {
    template().hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
    });
    const association = Object.values(resources()).find(
      (resource) => resource.Type === 'AWS::WAFv2::WebACLAssociation',
    )!;
    expect(JSON.stringify(association.Properties.ResourceArn)).toContain(`/stages/`);
    expect(JSON.stringify(association.Properties.ResourceArn)).toContain(
      logicalIdOf(api.api.deploymentStage),
    );
  });

  it('rate-limits each viewer IP with the configured limit and applies the AWS managed rule groups', () => {
    template().hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: {
              Limit: test.config.apiRateLimitPer5Min,
              AggregateKeyType: 'FORWARDED_IP',
              ForwardedIPConfig: { HeaderName: VIEWER_IP_HEADER, FallbackBehavior: 'MATCH' },
              EvaluationWindowSec: 300,
            },
          },
        }),
        // In priority order: IP reputation, common rules, known bad inputs.
        ...[
          'AWSManagedRulesAmazonIpReputationList',
          'AWSManagedRulesCommonRuleSet',
          'AWSManagedRulesKnownBadInputsRuleSet',
        ].map((name) =>
          Match.objectLike({
            Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: name }) },
          }),
        ),
      ]),
    });
  });

  it('blocks requests that did not come through CloudFront', () => {
    template().hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Priority: 0,
          Action: { Block: {} },
          Statement: {
            NotStatement: {
              Statement: {
                ByteMatchStatement: Match.objectLike({
                  FieldToMatch: { SingleHeader: { Name: ORIGIN_VERIFY_HEADER } },
                  PositionalConstraint: 'EXACTLY',
                }),
              },
            },
          },
        }),
      ]),
    });
  });

  it('creates the SES identity with Easy DKIM and lets the functions send only as the From address', () => {
    template().hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: test.config.mailIdentityDomain,
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
    template().hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ses:SendEmail', 'ses:SendRawEmail'],
            Condition: { StringEquals: { 'ses:FromAddress': test.config.mailFromAddress } },
          }),
        ]),
      },
    });
  });

  it.each([...api.functions])(
    'attaches table, documents, workflow and schedule policies to %s',
    (_id, fn) => {
      const attached = JSON.stringify(resources()[logicalIdOf(fn.role)]!.Properties.ManagedPolicyArns);
      for (const policy of [
        data.tableAccessPolicy,
        data.documentsAccessPolicy,
        workflow.executionControlPolicy,
        schedules.scheduleManagementPolicy,
      ]) {
        expect(attached).toContain(logicalIdOf(policy));
      }
    },
  );
});
