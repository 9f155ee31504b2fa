/**
 * The public origin: CloudFront serves the built web app from a private bucket (origin access
 * control) and forwards /api/* to the REST API, so the app and its API share one origin and the
 * session cookie stays first-party. Security headers are set here for both.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import {
  AssetHashType,
  CfnOutput,
  DefaultStackSynthesizer,
  DockerImage,
  Duration,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  type PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { dataProtection, type RegionConfig } from '../config/region-config';
import {
  contentSecurityPolicy,
  HSTS_MAX_AGE_SECONDS,
  PERMISSIONS_POLICY,
} from '../config/web-security-headers';
import { ORIGIN_VERIFY_HEADER, VIEWER_IP_HEADER } from '../config/edge-headers';
import type { ApiStack } from './api-stack';
import { REPOSITORY_ROOT } from '../config/repository-root';
import { wildcardResourceFinding } from './nag-acknowledgements';

export interface WebStackProps extends StackProps {
  readonly config: RegionConfig;
  readonly api: ApiStack;
  /** The document vault bucket's origin, which the browser uploads to (the CSP's connect-src). */
  readonly uploadOrigin: string;
}

/**
 * Client-side routes (no file extension in the last segment) get index.html; real files pass through.
 * Done per request rather than with error responses, which would also rewrite the API's own 403/404.
 */
const SPA_ROUTING_CODE = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/** Passes the viewer's IP to the API's WAF (the connecting IP there is a CloudFront edge). */
const VIEWER_IP_CODE = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_IP_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;

export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly siteBucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config, api } = props;
    const protection = dataProtection(config);

    // CloudFront standard logs are delivered with ACLs, so this bucket keeps ACLs enabled (owner-preferred).
    const logsBucket = new Bucket(this, 'LogsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-logs',
          expiration: Duration.days(config.logRetentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
      removalPolicy: protection.removalPolicy,
      autoDeleteObjects: protection.autoDeleteObjects,
    });
    Validations.of(logsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the log target (CloudFront standard logs and the site bucket access logs); logging it into itself would loop, and only the logging services write to it.',
    });

    // The site holds only the public build output, but it is still private: CloudFront alone reads it.
    this.siteBucket = new Bucket(this, 'SiteBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ id: 'expire-old-builds', noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy: protection.removalPolicy,
      autoDeleteObjects: protection.autoDeleteObjects,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      // The same values the local runtime serves (lib/config/web-security-headers.ts).
      comment: 'Lantern security headers (web app and API)',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.uploadOrigin),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true }],
      },
    });

    const spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      comment: 'Rewrites client-side routes to /index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SPA_ROUTING_CODE),
    });
    const viewerIp = new CloudFrontFunction(this, 'ViewerIp', {
      comment: `Sets ${VIEWER_IP_HEADER} for the API WAF rate limit`,
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(VIEWER_IP_CODE),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Lantern ${config.region} (${config.domainName})`,
      domainNames: [config.domainName],
      certificate: Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn),
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      sslSupportMethod: SSLMethod.SNI,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: config.priceClass as PriceClass,
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: logsBucket,
      logFilePrefix: 'cloudfront/',
      // Cookies carry session ids; they must never reach a log file.
      logIncludesCookies: false,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // The stage is the origin path, so /api/health reaches the API resource /api/health.
        '/api/*': {
          origin: new RestApiOrigin(api.api, {
            customHeaders: { [ORIGIN_VERIFY_HEADER]: api.originVerifySecret.secretValue.unsafeUnwrap() },
          }),
          // An API call over plain HTTP has already leaked its body; refuse it rather than redirect.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          functionAssociations: [{ function: viewerIp, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });

    new CfnOutput(this, 'DistributionDomainName', {
      value: this.distribution.distributionDomainName,
      description: `Point ${config.domainName} here (DNS CNAME, or an alias record in Route 53)`,
    });

    // An own role and log group for CDK's deployment function, instead of AWSLambdaBasicExecutionRole.
    const deploymentLogs = new LogGroup(this, 'DeploySiteLogs', {
      retention: config.logRetentionDays as RetentionDays,
      removalPolicy: protection.removalPolicy,
    });
    const deploymentRole = new Role(this, 'DeploySiteRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the web app build into the site bucket and invalidates CloudFront',
    });
    deploymentLogs.grantWrite(deploymentRole);
    new BucketDeployment(this, 'DeploySite', {
      sources: [webAppSource()],
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      role: deploymentRole,
      logGroup: deploymentLogs,
    });
    acknowledgeDeploymentFindings(this, deploymentRole, this.siteBucket);

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: staff reach records from abroad (school trips, holidays) and access is controlled by authentication, not location.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must live in us-east-1 while each Lantern region deploys only to itself; the API behind /api/* has a regional WAF web ACL (managed rules and a per-viewer rate limit), and the default behaviour serves only the static build output.',
      },
    );
  }
}

/**
 * The web app's build output, produced by CDK local bundling (Vite) so a fresh clone synthesizes
 * without a separate build step. Docker bundling is never reached: local bundling always succeeds
 * or fails the synth, but the API requires an image.
 */
function webAppSource() {
  const webDir = path.join(REPOSITORY_ROOT, 'web');
  return Source.asset(webDir, {
    exclude: ['dist', 'node_modules'],
    // Hash the build output, not web/: the app may import code from outside web/ (shared types).
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('node:22'),
      local: {
        tryBundle(outputDir: string): boolean {
          execFileSync(
            'npx',
            ['vite', 'build', '--config', 'web/vite.config.ts', '--outDir', outputDir, '--emptyOutDir'],
            // stdout carries nothing CDK needs; send the build's output to stderr like other bundling.
            { cwd: REPOSITORY_ROOT, stdio: ['ignore', process.stderr, 'inherit'] },
          );
          return true;
        },
      },
    },
  });
}

/**
 * CDK's BucketDeployment brings its own Lambda function and grants; these findings are in code we
 * do not own. Each is acknowledged on the deployment's role or function only.
 */
function acknowledgeDeploymentFindings(stack: Stack, role: Role, siteBucket: Bucket): void {
  const readAssets =
    'CDK grants the deployment function read access to the bootstrap asset bucket (to fetch the build zip) with its standard wildcard actions (s3:GetObject*, s3:GetBucket*, s3:List*).';
  const writeSite =
    'CDK grants the deployment function read/write on the site bucket (which holds only the public web build) with its standard wildcard actions, so it can sync and prune files.';
  Validations.of(role).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: readAssets },
    { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: readAssets },
    { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: readAssets },
    { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: writeSite },
    { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: writeSite },
    { id: wildcardResourceFinding(role, siteBucket.arnForObjects('*')), reason: writeSite },
    { id: wildcardResourceFinding(role, bootstrapAssetObjects(stack)), reason: readAssets },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CDK grants cloudfront:CreateInvalidation and cloudfront:GetInvalidation on * to invalidate the distribution after a deploy; these are the only actions on *.',
    },
  );
  // CDK creates the function as a stack-level singleton; if it is ever renamed, L1 reappears in the synth.
  const deploymentFunction = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (deploymentFunction) {
    Validations.of(deploymentFunction).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The runtime of the BucketDeployment function is chosen by aws-cdk-lib and moves with CDK upgrades; the function runs only during deployments and never sees pupil data.',
    });
  }
}

/** Objects in the CDK bootstrap asset bucket, spelt as the default synthesizer spells them. */
function bootstrapAssetObjects(stack: Stack): string {
  const synthesizer = stack.synthesizer;
  const qualifier =
    (synthesizer instanceof DefaultStackSynthesizer ? synthesizer.bootstrapQualifier : undefined) ??
    DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return `arn:${stack.partition}:s3:::cdk-${qualifier}-assets-${stack.account}-${stack.region}/*`;
}
