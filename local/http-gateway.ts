/**
 * The local stand-in for CloudFront + API Gateway: one origin that serves `/api/*` by turning
 * each HTTP request into an API Gateway (REST, v1) proxy event for the very handler module that
 * deploys (chosen by the same manifest the Api stack uses), and everything else from the built
 * web app with the same security headers CloudFront adds.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { areaForPath } from '../lib/config/function-manifest';
import { webSecurityHeaders } from '../lib/config/web-security-headers';
import { invokeLocalFunction } from './lambda-invoker';
import { BodyTooLargeError, readCappedBody } from './read-capped-body';

/** API Gateway refuses payloads over 10 MB before any Lambda runs. */
const GATEWAY_PAYLOAD_LIMIT = 10 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const TEXT_MEDIA_TYPES =
  /^(application\/(.+\+)?json|application\/xml|text\/|application\/x-www-form-urlencoded)/i;

function toProxyEvent(request: IncomingMessage, url: URL, body: Buffer): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index] ?? '';
    const value = request.rawHeaders[index + 1] ?? '';
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    (multiValueQuery[name] ??= []).push(value);
  }
  const contentType = request.headers['content-type'] ?? '';
  const binary = body.byteLength > 0 && !TEXT_MEDIA_TYPES.test(contentType);
  const hasQuery = Object.keys(query).length > 0;
  const requestId = randomUUID();
  const method = request.method ?? 'GET';
  return {
    resource: '/{proxy+}',
    path: url.pathname,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiValueQuery : null,
    pathParameters: { proxy: url.pathname.replace(/^\//, '') },
    stageVariables: null,
    body: body.byteLength === 0 ? null : body.toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: `HTTP/${request.httpVersion}`,
      httpMethod: method,
      path: url.pathname,
      stage: 'local',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: '/{proxy+}',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        user: null,
        userAgent: request.headers['user-agent'] ?? null,
        userArn: null,
      },
    },
  };
}

function sendProxyResult(response: ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string | string[]> = { ...result.headers } as Record<string, string>;
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    headers[name] = values.map(String);
  }
  response.writeHead(result.statusCode, headers);
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

function sendGatewayProblem(response: ServerResponse, status: number, title: string): void {
  response.writeHead(status, { 'Content-Type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status }));
}

async function serveApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  let body: Buffer;
  try {
    body = await readCappedBody(request, GATEWAY_PAYLOAD_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return sendGatewayProblem(response, 413, 'Request Entity Too Large');
    throw error;
  }
  const area = areaForPath(url.pathname);
  const result = (await invokeLocalFunction(
    area.entry,
    `lantern-api-${area.id}`,
    toProxyEvent(request, url, body),
  )) as APIGatewayProxyResult;
  sendProxyResult(response, result);
}

async function serveWeb(
  response: ServerResponse,
  url: URL,
  webRoot: string,
  headers: Readonly<Record<string, string>>,
): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    response.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Bad request');
    return;
  }
  const requested = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = resolve(join(webRoot, requested));
  const insideRoot = file.startsWith(resolve(webRoot));
  const isFile = insideRoot && existsSync(file) && (await stat(file)).isFile();
  // SPA routing, like the CloudFront function: paths without a file extension get index.html.
  if (!isFile) {
    if (extname(requested) !== '') {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    file = join(webRoot, 'index.html');
  }
  const content = await readFile(file);
  const isIndex = file.endsWith('index.html');
  response.writeHead(200, {
    ...headers,
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  response.end(content);
}

export async function startHttpGateway(options: {
  port: number;
  webRoot: string;
  /** The S3 stand-in's origin, which the browser uploads vault files to (the CSP's connect-src). */
  uploadOrigin?: string;
  onError?: (error: unknown) => void;
}): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const headers = webSecurityHeaders(options.uploadOrigin);
  if (!existsSync(join(options.webRoot, 'index.html'))) {
    throw new Error(
      `The web app is not built (${options.webRoot}/index.html missing): run npm run build:web`,
    );
  }
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    const work = isApi ? serveApi(request, response, url) : serveWeb(response, url, options.webRoot, headers);
    work.catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) sendGatewayProblem(response, 502, 'Bad Gateway');
      else response.end();
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}
