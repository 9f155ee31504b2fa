/**
 * Powertools logger, metrics and tracer for this process: created once, shared by the handler
 * bundles and services. Log lines are JSON and carry the API Gateway request id as correlation id.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { search } from '@aws-lambda-powertools/logger/correlationId';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const logger = new Logger({ correlationIdSearchFn: search });
export const metrics = new Metrics();
export const tracer = new Tracer();
