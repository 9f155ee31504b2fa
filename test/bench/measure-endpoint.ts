/**
 * Calls one endpoint repeatedly through the local gateway and the deployable handler, sequentially, and
 * keeps each call's latency and the DynamoDB calls it made (seen through the shared client's observer).
 */
import { performance } from 'node:perf_hooks';
import { observeDynamo, type DynamoCall } from '../../lib/platform/dynamo-observer';
import {
  minimumUsingQueryPrefix,
  percentile,
  requestCapacity,
  type RequestCapacity,
} from './capacity-figures';

export interface EndpointSample {
  readonly latencyMs: number;
  readonly body: string;
  readonly calls: readonly DynamoCall[];
  readonly capacity: RequestCapacity;
}

export interface EndpointFigures {
  readonly name: string;
  readonly samples: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly requests: number;
  /** Most samples' round trips; the maximum also counts the once-a-minute session activity write. */
  readonly medianRoundTrips: number;
  readonly roundTrips: number;
  readonly medianReadCapacity: number;
  readonly medianMinimumReadCapacity: number;
  /** Σ consumed ÷ Σ minimum over every sample. */
  readonly capacityRatio: number;
  readonly medianWriteCapacity: number;
  readonly scans: number;
  /** Median time with a DynamoDB call in flight; the rest of the latency is the handler stack. */
  readonly medianDynamoMs: number;
}

export async function sampleEndpoint(
  count: number,
  request: (index: number) => Promise<Response>,
): Promise<EndpointSample[]> {
  const samples: EndpointSample[] = [];
  for (let index = 0; index < count; index += 1) {
    const calls: DynamoCall[] = [];
    const stop = observeDynamo((call) => calls.push(call));
    const started = performance.now();
    let response: Response;
    let body: string;
    try {
      response = await request(index);
      body = await response.text();
    } finally {
      stop();
    }
    const latencyMs = performance.now() - started;
    if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${body.slice(0, 300)}`);
    samples.push({ latencyMs, body, calls, capacity: requestCapacity(calls) });
  }
  return samples;
}

/**
 * Figures for one endpoint. `usedQueryItems`, when given, says how many of its Query's items a response
 * needed, so items read past a page's cut count against the endpoint.
 */
export function figuresOf(
  name: string,
  samples: readonly EndpointSample[],
  usedQueryItems?: (body: string) => number,
): EndpointFigures {
  const capacities = samples.map((sample) =>
    usedQueryItems
      ? {
          ...sample.capacity,
          minimumReadCapacity: minimumUsingQueryPrefix(sample.calls, usedQueryItems(sample.body)),
        }
      : sample.capacity,
  );
  const consumed = capacities.reduce((sum, capacity) => sum + capacity.readCapacity, 0);
  const minimum = capacities.reduce((sum, capacity) => sum + capacity.minimumReadCapacity, 0);
  return {
    name,
    samples: samples.length,
    medianMs: percentile(
      samples.map((sample) => sample.latencyMs),
      0.5,
    ),
    p95Ms: percentile(
      samples.map((sample) => sample.latencyMs),
      0.95,
    ),
    requests: Math.max(...capacities.map((capacity) => capacity.requests)),
    medianRoundTrips: percentile(
      capacities.map((capacity) => capacity.roundTrips),
      0.5,
    ),
    roundTrips: Math.max(...capacities.map((capacity) => capacity.roundTrips)),
    medianReadCapacity: percentile(
      capacities.map((capacity) => capacity.readCapacity),
      0.5,
    ),
    medianMinimumReadCapacity: percentile(
      capacities.map((capacity) => capacity.minimumReadCapacity),
      0.5,
    ),
    capacityRatio: consumed / minimum,
    medianWriteCapacity: percentile(
      capacities.map((capacity) => capacity.writeCapacity),
      0.5,
    ),
    scans: capacities.reduce((sum, capacity) => sum + capacity.scans, 0),
    medianDynamoMs: percentile(
      capacities.map((capacity) => capacity.dynamoMs),
      0.5,
    ),
  };
}
