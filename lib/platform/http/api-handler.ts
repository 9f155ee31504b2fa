/**
 * The one middleware bundle for API Lambdas. A handler module is one line:
 *   export const handler = createApiHandler([implement(contract, fn), …], dependencies);
 * It validates the environment at start-up, instruments with Powertools (tracer, logger with the
 * request id as correlation id, metrics), routes, authenticates per the endpoint's access rule,
 * validates input with the contract's zod schemas, strips output to the contract's response
 * schema, and maps every error to RFC 9457 problem+json with the security headers.
 */
import middy from '@middy/core';
import { correlationPaths } from '@aws-lambda-powertools/logger/correlationId';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { VIEWER_IP_HEADER } from '../../config/edge-headers';
import { logger, metrics, tracer } from '../observability';
import { establishPrincipal, type Authenticators } from './access';
import type { BoundEndpoint, ValidatedRequest } from './endpoint';
import { HttpProblem, PROBLEM_TYPES } from './problem';
import { lowerCaseHeaders, parseRequestParts } from './request-parsing';
import { jsonResponse, problemResponse } from './responses';
import { createRouter } from './router';

export interface ApiHandlerOptions {
  readonly maxBodyBytes: number;
  readonly authenticators: Authenticators;
}

export type ApiHandler = middy.MiddyfiedHandler<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>;

function requestIdOf(event: APIGatewayProxyEvent, context: Context): string {
  return event.requestContext?.requestId ?? context.awsRequestId;
}

function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  // Never echo internal errors: the request id lets an operator find the logged stack trace.
  return new HttpProblem(
    500,
    PROBLEM_TYPES.internal,
    'Internal error',
    'Something went wrong on our side. Quote the request id if you report it.',
  );
}

export function createApiHandler(
  endpoints: readonly BoundEndpoint[],
  options: ApiHandlerOptions,
): ApiHandler {
  const route = createRouter(endpoints);

  const dispatch = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const requestId = requestIdOf(event, context);
    const { endpoint, pathParams } = route(event.httpMethod, event.path);
    const { contract } = endpoint;
    const headers = lowerCaseHeaders(event);
    const origin = {
      operationId: contract.operationId,
      // Behind CloudFront the connecting address is an edge; CloudFront puts the viewer's in this header.
      sourceIp: headers[VIEWER_IP_HEADER] ?? event.requestContext?.identity?.sourceIp ?? 'unknown',
      userAgent: headers['user-agent'] ?? 'unknown',
    };
    const principal = await establishPrincipal(
      contract.access,
      event.httpMethod,
      headers,
      options.authenticators,
      origin,
    );
    const parts = parseRequestParts(contract, event, pathParams, options.maxBodyBytes);
    const request = {
      ...parts,
      principal,
      requestId,
      sourceIp: origin.sourceIp,
      userAgent: origin.userAgent,
    } as ValidatedRequest<typeof contract>;
    const result = await endpoint.implementation(request);
    const status = result.status ?? contract.successStatus;
    // Parsing the output through the contract drops any field the contract does not publish.
    const body = status === 204 ? undefined : contract.response.parse(result.body);
    metrics.addMetric(`${contract.operationId}.success`, MetricUnit.Count, 1);
    return jsonResponse(status, body, requestId, result.headers);
  };

  const problemMapping: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> = {
    onError: (request) => {
      const problem = toProblem(request.error);
      const requestId = requestIdOf(request.event, request.context);
      metrics.addMetric(problem.status >= 500 ? 'ServerError' : 'ClientError', MetricUnit.Count, 1);
      if (problem.status >= 500) {
        logger.error('Request failed', { error: request.error as Error, path: request.event.path });
      } else {
        logger.info('Request refused', {
          status: problem.status,
          type: problem.type,
          path: request.event.path,
        });
      }
      request.response = problemResponse(problem, requestId, request.event.path);
    },
  };

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(
      injectLambdaContext(logger, { correlationIdPath: correlationPaths.API_GATEWAY_REST, resetKeys: true }),
    )
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(problemMapping)
    .handler(dispatch);
}
