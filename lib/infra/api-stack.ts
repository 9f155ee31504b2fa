/**
 * The REST API behind the web distribution's /api/*: one Lambda per API area (each routes inside),
 * resources laid out from the function manifest with the same longest-prefix rule the local runtime
 * uses, gateway errors rewritten as RFC 9457 problem+json, JSON access logs and a regional WAF.
 */
import { Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  type IResource,
} from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { API_AREAS, areaForPath } from '../config/function-manifest';
import { dataProtection, type RegionConfig } from '../config/region-config';
import { ApiEnvironmentSchema } from '../platform/environment';
import { ApiFirewall } from './api-firewall';
import { AppFunction } from './app-function';
import type { DataStack } from './data-stack';
import { MailIdentity } from './mail-identity';
import type { SchedulesStack } from './schedules-stack';
import type { WorkflowStack } from './workflow-stack';

export interface ApiStackProps extends StackProps {
  readonly config: RegionConfig;
  readonly data: DataStack;
  readonly workflow: WorkflowStack;
  readonly schedules: SchedulesStack;
}

/** The stage CloudFront forwards to; constant so the public path never depends on the stage. */
export const API_STAGE_NAME = 'live';

/**
 * Gateway-generated errors and the status each is sent with (API Gateway's defaults, except that an
 * unmatched route answers 404 rather than "403 Missing Authentication Token").
 */
const GATEWAY_ERRORS: readonly (readonly [ResponseType, number])[] = [
  [ResponseType.ACCESS_DENIED, 403],
  [ResponseType.API_CONFIGURATION_ERROR, 500],
  [ResponseType.AUTHORIZER_CONFIGURATION_ERROR, 500],
  [ResponseType.AUTHORIZER_FAILURE, 500],
  [ResponseType.BAD_REQUEST_PARAMETERS, 400],
  [ResponseType.BAD_REQUEST_BODY, 400],
  [ResponseType.EXPIRED_TOKEN, 403],
  [ResponseType.INTEGRATION_FAILURE, 504],
  [ResponseType.INTEGRATION_TIMEOUT, 504],
  [ResponseType.INVALID_API_KEY, 403],
  [ResponseType.INVALID_SIGNATURE, 403],
  [ResponseType.MISSING_AUTHENTICATION_TOKEN, 404],
  [ResponseType.QUOTA_EXCEEDED, 429],
  [ResponseType.REQUEST_TOO_LARGE, 413],
  [ResponseType.RESOURCE_NOT_FOUND, 404],
  [ResponseType.THROTTLED, 429],
  [ResponseType.UNAUTHORIZED, 401],
  [ResponseType.UNSUPPORTED_MEDIA_TYPE, 415],
  [ResponseType.WAF_FILTERED, 403],
];

const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  504: 'Gateway Timeout',
};

/** The problem+json body for a gateway error (about:blank: the title is the status phrase). */
export function problemBody(status: number | undefined, title: string): string {
  return JSON.stringify({ type: 'about:blank', title, ...(status === undefined ? {} : { status }) });
}

export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly functions: ReadonlyMap<string, AppFunction<typeof ApiEnvironmentSchema>>;
  /** Shared with CloudFront (origin custom header) and WAF (required header value). */
  readonly originVerifySecret: Secret;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, data, workflow, schedules } = props;
    const protection = dataProtection(config);
    const retention = config.logRetentionDays as RetentionDays;
    const logging = { retention, removalPolicy: protection.removalPolicy, encryptionKey: data.logsKey };

    const mail = new MailIdentity(this, 'Mail', {
      domain: config.mailIdentityDomain,
      fromAddress: config.mailFromAddress,
    });

    const misImportTask = workflow.taskFunctions.get('misImport');
    if (!misImportTask) throw new Error('The workflow stack has no misImport task');
    const functions = new Map<string, AppFunction<typeof ApiEnvironmentSchema>>();
    for (const area of API_AREAS) {
      const fn = new AppFunction(this, `Area-${area.id}`, {
        entry: area.entry,
        description: `Lantern API area ${area.id}`,
        environmentSchema: ApiEnvironmentSchema,
        environment: {
          TABLE_NAME: data.table.tableName,
          POWERTOOLS_SERVICE_NAME: `lantern-${area.id}`,
          POWERTOOLS_METRICS_NAMESPACE: 'Lantern',
          S3_FORCE_PATH_STYLE: 'false',
          VAULT_BUCKET: data.vaultBucket.bucketName,
          EXTRACTS_BUCKET: data.extractsBucket.bucketName,
          DATA_KEY_ID: data.dataKey.keyArn,
          VAULT_KEY_ID: data.vaultKey.keyArn,
          MAIL_FROM: config.mailFromAddress,
          ...workflow.stateMachineArnVariables(),
          SCHEDULE_GROUP_NAME: schedules.scheduleGroupName,
          MIS_IMPORT_FUNCTION_ARN: misImportTask.function.functionArn,
          SCHEDULER_ROLE_ARN: schedules.schedulerRole.roleArn,
          APP_BASE_URL: `https://${config.domainName}`,
          MAX_BODY_BYTES: String(1_048_576),
        },
        logging,
        // scrypt password hashing (OWASP parameters) needs 128 MiB and is CPU-bound: more memory, more CPU.
        memorySize: 1024,
        // Below API Gateway's 29 s integration limit, so a slow request ends in the function's own log.
        timeout: Duration.seconds(25),
      });
      this.grantApiAccess(fn, props, mail);
      functions.set(area.id, fn);
    }
    this.functions = functions;

    const accessLogs = new LogGroup(this, 'AccessLogs', logging);
    this.api = new RestApi(this, 'Api', {
      description: `Lantern API (${config.region}), reached through https://${config.domainName}/api/*`,
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // No account-wide CloudWatch role: execution logging is off (see the APIG6 acknowledgement).
      cloudWatchRole: false,
      deployOptions: {
        stageName: API_STAGE_NAME,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            extendedRequestId: AccessLogField.contextExtendedRequestId(),
            requestTime: AccessLogField.contextRequestTime(),
            httpMethod: AccessLogField.contextHttpMethod(),
            resourcePath: AccessLogField.contextResourcePath(),
            path: AccessLogField.contextPath(),
            status: AccessLogField.contextStatus(),
            responseLength: AccessLogField.contextResponseLength(),
            responseLatency: AccessLogField.contextResponseLatency(),
            integrationStatus: AccessLogField.contextIntegrationStatus(),
            integrationLatency: AccessLogField.contextIntegrationLatency(),
            integrationError: AccessLogField.contextIntegrationErrorMessage(),
            errorType: AccessLogField.contextErrorResponseType(),
            errorMessage: AccessLogField.contextErrorMessage(),
            wafStatus: AccessLogField.contextWafStatus(),
            wafResponseCode: AccessLogField.contextWafResponseCode(),
            // The CloudFront edge, not the viewer: the viewer's IP reaches the functions as x-lantern-viewer-ip.
            sourceIp: AccessLogField.contextIdentitySourceIp(),
            userAgent: AccessLogField.contextIdentityUserAgent(),
            xrayTraceId: AccessLogField.contextXrayTraceId(),
          }),
        ),
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.OFF,
        dataTraceEnabled: false,
        throttlingRateLimit: 200,
        throttlingBurstLimit: 400,
      },
    });
    this.addRoutes(functions);
    this.addProblemResponses();

    this.originVerifySecret = new Secret(this, 'OriginVerifySecret', {
      description:
        'Value CloudFront sends in the origin-verify header; the API WAF blocks requests without it',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    new ApiFirewall(this, 'Firewall', {
      stageArn: this.api.deploymentStage.stageArn,
      rateLimitPer5Min: config.apiRateLimitPer5Min,
      originVerifyValue: this.originVerifySecret.secretValue.unsafeUnwrap(),
    });

    this.acknowledgeApiFindings();
  }

  /**
   * Lays out `/api/<prefix>` and `/api/<prefix>/{proxy+}` for every manifest prefix, and gives every
   * resource on the way (and the root) a method and a greedy child routed by the manifest's own
   * `areaForPath`, so no path can fall through to a gateway "Missing Authentication Token".
   */
  private addRoutes(functions: ReadonlyMap<string, AppFunction<typeof ApiEnvironmentSchema>>): void {
    const integrations = new Map<string, LambdaIntegration>();
    const integrationFor = (path: string): LambdaIntegration => {
      const area = areaForPath(path);
      let integration = integrations.get(area.id);
      if (!integration) {
        const fn = functions.get(area.id);
        if (!fn) throw new Error(`No function for API area ${area.id}`);
        integration = new LambdaIntegration(fn.function, { proxy: true, allowTestInvoke: false });
        integrations.set(area.id, integration);
      }
      return integration;
    };
    const route = (resource: IResource, path: string): void => {
      const options = { authorizationType: AuthorizationType.NONE };
      resource.addMethod('ANY', integrationFor(path), options);
      resource.addResource('{proxy+}').addMethod('ANY', integrationFor(path), options);
    };

    route(this.api.root, '/');
    const paths = new Set<string>();
    for (const area of API_AREAS) {
      for (const prefix of area.pathPrefixes) {
        const parts = prefix.split('/').filter((part) => part !== '');
        parts.forEach((_, index) => paths.add(`/${parts.slice(0, index + 1).join('/')}`));
      }
    }
    for (const path of [...paths].sort()) route(this.api.root.resourceForPath(path), path);
  }

  /** Every gateway-generated error as problem+json with a matching status, never cached. */
  private addProblemResponses(): void {
    const headers = { 'Content-Type': "'application/problem+json'", 'Cache-Control': "'no-store'" };
    for (const [type, status] of GATEWAY_ERRORS) {
      const title = STATUS_TITLES[status] ?? 'Error';
      this.api.addGatewayResponse(`Problem-${type.responseType}`, {
        type,
        statusCode: String(status),
        responseHeaders: headers,
        templates: { 'application/json': problemBody(status, title) },
      });
    }
    // Catch-alls for response types API Gateway may add later; their status is not known here.
    this.api.addGatewayResponse('Problem-DEFAULT_4XX', {
      type: ResponseType.DEFAULT_4XX,
      responseHeaders: headers,
      templates: { 'application/json': problemBody(undefined, 'Client Error') },
    });
    this.api.addGatewayResponse('Problem-DEFAULT_5XX', {
      type: ResponseType.DEFAULT_5XX,
      responseHeaders: headers,
      templates: { 'application/json': problemBody(undefined, 'Server Error') },
    });
  }

  private grantApiAccess(
    fn: AppFunction<typeof ApiEnvironmentSchema>,
    { data, workflow, schedules }: ApiStackProps,
    mail: MailIdentity,
  ): void {
    data.grantTableReadWrite(fn.role);
    data.grantDocumentsReadWrite(fn.role);
    workflow.grantExecutionControl(fn.role);
    schedules.grantScheduleManagement(fn.role);
    mail.grantSend(fn);
  }

  private acknowledgeApiFindings(): void {
    const api = Validations.of(this.api);
    api.acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'Every route is a Lambda proxy integration whose handler validates path, query and body with zod schemas (the same schemas that generate the OpenAPI document) and answers 400 problem+json; an API Gateway request model would duplicate them.',
      },
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'Authorisation happens in the application: session cookies (HttpOnly, Secure, SameSite=Strict) are checked by the session middleware and each route declares the permission it needs (deny by default); see docs/architecture.md. Public routes (health, sign-in) are intentionally open.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          'Lantern does not use Cognito: it authenticates with its own password + second-factor flow and server-side sessions checked in the application (docs/architecture.md).',
      },
      {
        id: 'AwsSolutions-APIG6',
        reason:
          'Execution logging needs an account-wide API Gateway CloudWatch role shared with every other API in the account; instead the stage writes JSON access logs for every request (including integration and WAF errors), and each function logs its own errors with request ids.',
      },
    );
    Validations.of(this.originVerifySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'This is not a credential to data: it is the shared value CloudFront sends so WAF can reject calls that bypass the distribution. CloudFormation resolves it into both the distribution and the web ACL at deploy time, so rotation is an operator step (rotate, then redeploy the Api and Web stacks).',
    });
  }
}
