/**
 * Matches a request path and method against the endpoint contracts of one API area.
 * Unknown paths are 404 and known paths with another method are 405 with an Allow header.
 * A literal segment wins over a `{param}` in the same place (`/imports/schedule` before
 * `/imports/{importId}`), whatever order the endpoints are listed in.
 */
import type { BoundEndpoint } from './endpoint';
import { problems } from './problem';

export interface RouteMatch {
  readonly endpoint: BoundEndpoint;
  readonly pathParams: Record<string, string>;
}

interface CompiledRoute {
  readonly endpoint: BoundEndpoint;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  /** Per segment, 0 for a literal and 1 for a `{param}`: routes are tried in this order. */
  readonly shape: readonly number[];
}

function compile(endpoint: BoundEndpoint): CompiledRoute {
  const paramNames: string[] = [];
  const source = endpoint.contract.path
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z][A-Za-z0-9]*)\}$/.exec(segment);
      if (param?.[1]) {
        paramNames.push(param[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const shape = endpoint.contract.path.split('/').map((segment) => (/^\{.*\}$/.test(segment) ? 1 : 0));
  return { endpoint, pattern: new RegExp(`^${source}/?$`), paramNames, shape };
}

/** Literal-first, segment by segment; routes of equal shape keep their listed order (the sort is stable). */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.min(a.shape.length, b.shape.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (a.shape[index] ?? 0) - (b.shape[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.shape.length - b.shape.length;
}

function decodeParams(names: readonly string[], match: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  names.forEach((name, index) => {
    const raw = match[index + 1] ?? '';
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      throw problems.validation([{ field: `path.${name}`, reason: 'malformed percent-encoding' }]);
    }
  });
  return params;
}

export function createRouter(
  endpoints: readonly BoundEndpoint[],
): (method: string, path: string) => RouteMatch {
  const routes = endpoints.map(compile).sort(bySpecificity);
  return (method, path) => {
    const allowed: string[] = [];
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.endpoint.contract.method !== method) {
        allowed.push(route.endpoint.contract.method);
        continue;
      }
      return { endpoint: route.endpoint, pathParams: decodeParams(route.paramNames, match) };
    }
    if (allowed.length > 0) throw problems.methodNotAllowed(method, [...new Set(allowed)]);
    throw problems.notFound(`No API operation at ${path}.`);
  };
}
