// The Web stack: a private site bucket behind CloudFront with origin access control, security
// headers on every response, SPA routing by function, and /api/* forwarded uncached to the API.
import { Match } from 'aws-cdk-lib/assertions';
import { PERMISSIONS_POLICY } from '../../lib/config/web-security-headers';
import { ORIGIN_VERIFY_HEADER, VIEWER_IP_HEADER } from '../../lib/config/edge-headers';
import { buildTestApp, logicalIdOf, matching, resourceOf } from './infra-app';

const test = buildTestApp();
const { web } = test.stacks;
const template = () => test.template(web);

interface DistributionConfig {
  readonly Origins: {
    Id: string;
    S3OriginConfig?: unknown;
    OriginAccessControlId?: unknown;
    OriginPath?: unknown;
    OriginCustomHeaders?: { HeaderName: string }[];
  }[];
  readonly DefaultCacheBehavior: Record<string, unknown>;
  readonly CacheBehaviors: Record<string, unknown>[];
  readonly [key: string]: unknown;
}

function distributionConfig(): DistributionConfig {
  const resource = resourceOf(template(), logicalIdOf(web.distribution));
  return resource.Properties.DistributionConfig as DistributionConfig;
}

describe('Web stack', () => {
  it('keeps the site bucket private, encrypted, TLS-only, versioned and access-logged', () => {
    template().hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'site-bucket/' }),
    });
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalIdOf(web.siteBucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      },
    });
  });

  it('reads the site bucket through origin access control', () => {
    template().hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    const s3Origin = distributionConfig().Origins.find((origin) => origin.S3OriginConfig !== undefined)!;
    expect(s3Origin.OriginAccessControlId).toBeDefined();
  });

  it('serves the configured domain with its us-east-1 certificate, TLS 1.2 (2021) and HTTPS redirects', () => {
    expect(distributionConfig()).toMatchObject({
      Aliases: [test.config.domainName],
      ViewerCertificate: {
        AcmCertificateArn: test.config.certificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
      DefaultRootObject: 'index.html',
      PriceClass: test.config.priceClass,
      DefaultCacheBehavior: matching.objectContaining({ ViewerProtocolPolicy: 'redirect-to-https' }),
      Logging: matching.objectContaining({ IncludeCookies: false, Prefix: 'cloudfront/' }),
    });
  });

  it('sends the security headers on every behaviour', () => {
    template().hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63_072_000,
            IncludeSubdomains: true,
            Preload: true,
            Override: true,
          },
          // Its value (with the vault bucket's origin) is asserted in test/infra/documents/web-csp.infra.test.ts.
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        },
        CustomHeadersConfig: {
          Items: [{ Header: 'Permissions-Policy', Value: PERMISSIONS_POLICY, Override: true }],
        },
      }),
    });
    const config = distributionConfig();
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: matching.stringMatching(/^SecurityHeaders/) });
    }
  });

  it('routes client-side paths to index.html with a viewer-request function, not error responses', () => {
    const config = distributionConfig();
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: { 'Fn::GetAtt': [matching.stringMatching(/^SpaRouting/), 'FunctionARN'] },
      },
    ]);
    template().hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp("request.uri = '/index.html'"),
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
  });

  it('forwards /api/* to the API stage, uncached, all methods, all viewer headers but Host', () => {
    const api = distributionConfig().CacheBehaviors.find((behaviour) => behaviour.PathPattern === '/api/*')!;
    expect(api).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      ViewerProtocolPolicy: 'https-only',
      FunctionAssociations: [matching.objectContaining({ EventType: 'viewer-request' })],
    });
    const origin = distributionConfig().Origins.find((candidate) => candidate.Id === api.TargetOriginId)!;
    // The origin path is the stage, so /api/health reaches the API resource /api/health.
    expect(JSON.stringify(origin.OriginPath)).toContain('Fn::Select');
    expect(JSON.stringify(origin)).toContain('execute-api');
    expect(origin.OriginCustomHeaders?.map((header) => header.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
  });

  it('tells the API the viewer IP through a header the viewer cannot set', () => {
    template().hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp(
        `request.headers\\['${VIEWER_IP_HEADER}'\\] = \\{ value: event.viewer.ip \\}`,
      ),
    });
  });

  it('deploys the web build with a BucketDeployment that invalidates the distribution', () => {
    template().hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalIdOf(web.siteBucket) },
      DistributionPaths: ['/*'],
    });
  });
});
