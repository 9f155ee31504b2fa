/**
 * The system status report from GET /api/health. The API answers 200 when every dependency is ok
 * and 503 when one is down; both carry the same report body.
 */
import { apiRequest, NetworkError, readJson } from './client';
import { networkProblem, problemFromResponse, type Problem } from './problem';

export interface DependencyHealth {
  name: string;
  status: 'ok' | 'down';
  latencyMs: number;
  detail?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checkedAt: string;
  dependencies: DependencyHealth[];
}

export type HealthResult = { ok: true; report: HealthReport } | { ok: false; problem: Problem };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseDependency(value: unknown): DependencyHealth | undefined {
  if (!isRecord(value)) return undefined;
  const { name, status, latencyMs, detail } = value;
  if (typeof name !== 'string' || name === '') return undefined;
  if (status !== 'ok' && status !== 'down') return undefined;
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs)) return undefined;
  const dependency: DependencyHealth = { name, status, latencyMs };
  if (typeof detail === 'string' && detail.trim() !== '') dependency.detail = detail.trim();
  return dependency;
}

/** Validates a health body; returns undefined if it is not a status report. */
export function parseHealthReport(body: unknown): HealthReport | undefined {
  if (!isRecord(body)) return undefined;
  const { status, checkedAt, dependencies } = body;
  if (status !== 'ok' && status !== 'degraded') return undefined;
  if (typeof checkedAt !== 'string' || !Array.isArray(dependencies)) return undefined;
  const parsed = dependencies.map(parseDependency);
  if (parsed.some((dependency) => dependency === undefined)) return undefined;
  return { status, checkedAt, dependencies: parsed as DependencyHealth[] };
}

const unreadableReport: Problem = {
  title: 'The status report could not be read',
  detail: 'Lantern answered, but not with a status report. Try again in a few minutes.',
};

export async function fetchHealth(signal?: AbortSignal): Promise<HealthResult> {
  let response: Response;
  try {
    response = await apiRequest('/api/health', signal ? { signal } : {});
  } catch (error) {
    if (error instanceof NetworkError) return { ok: false, problem: networkProblem() };
    throw error;
  }
  if (response.status !== 200 && response.status !== 503) {
    return { ok: false, problem: await problemFromResponse(response) };
  }
  // A 503 without a report (a load balancer's page, say) is still a problem to show.
  const report = parseHealthReport(await readJson(response.clone()));
  if (report) return { ok: true, report };
  if (response.status === 503) return { ok: false, problem: await problemFromResponse(response) };
  return { ok: false, problem: { ...unreadableReport, status: response.status } };
}
