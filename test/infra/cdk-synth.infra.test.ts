/**
 * `npx cdk synth` as an operator runs it: the real CLI, offline, with no AWS credentials, bundling
 * every function with esbuild and the web app with Vite, and cdk-nag failing on any unacknowledged
 * finding.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from '../../lib/config/repository-root';

jest.setTimeout(300_000);
const run = promisify(execFile);
const outdir = mkdtempSync(join(tmpdir(), 'lantern-synth-'));

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('synthesizes every stack offline with no unacknowledged cdk-nag finding', async () => {
  const environment = { ...process.env };
  for (const name of Object.keys(environment)) {
    if (name.startsWith('AWS_')) delete environment[name];
  }
  await run(
    join(REPOSITORY_ROOT, 'node_modules', '.bin', 'cdk'),
    ['synth', '--quiet', '--no-notices', '-c', 'region=eu-west-2', '--output', outdir],
    {
      cwd: REPOSITORY_ROOT,
      env: { ...environment, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    },
  );
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: unknown[];
  };
  expect(report.pluginReports).toEqual([]);
  const templates = readdirSync(outdir).filter((file) => file.endsWith('.template.json'));
  expect(templates.sort()).toEqual(
    ['Api', 'Data', 'Schedules', 'Web', 'Workflow'].map((part) => `Lantern-eu-west-2-${part}.template.json`),
  );
  // The bundled assets are real: each function's bundle and the built web app are in the assembly.
  const assets = readdirSync(outdir).filter((file) => file.startsWith('asset.'));
  expect(assets.some((asset) => existsSync(join(outdir, asset, 'index.html')))).toBe(true);
  expect(
    assets.filter((asset) => existsSync(join(outdir, asset, 'index.mjs'))).length,
  ).toBeGreaterThanOrEqual(3);
});

it('produces a platform bundle that starts on Node 22 and answers as deployed', async () => {
  const bundle = readdirSync(outdir)
    .map((asset) => join(outdir, asset, 'index.mjs'))
    .find((file) => existsSync(file) && readFileSync(file, 'utf8').includes('getOpenApiDocument'));
  expect(bundle).toBeDefined();
  const event = {
    httpMethod: 'GET',
    path: '/api/openapi.json',
    headers: {},
    requestContext: { requestId: 'r-1' },
  };
  const script = `const { handler } = await import(${JSON.stringify(bundle)});
    const response = await handler(${JSON.stringify(event)}, { awsRequestId: 'l-1', functionName: 'platform' });
    process.stdout.write(JSON.stringify(response));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: tmpdir(),
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-west-2',
      TABLE_NAME: 't',
      POWERTOOLS_SERVICE_NAME: 'lantern',
      POWERTOOLS_METRICS_NAMESPACE: 'Lantern',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      VAULT_BUCKET: 'v',
      EXTRACTS_BUCKET: 'e',
      DATA_KEY_ID: 'alias/k',
      VAULT_KEY_ID: 'alias/v',
      MAIL_FROM: 'no-reply@lantern.example.org',
      TRANSFER_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-2:111111111111:stateMachine:t',
      SCHEDULE_GROUP_NAME: 'g',
      MIS_IMPORT_FUNCTION_ARN: 'arn:aws:lambda:eu-west-2:111111111111:function:import',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::111111111111:role/scheduler',
      APP_BASE_URL: 'https://lantern.example.org',
    },
  });
  const response = JSON.parse(stdout) as { statusCode: number; body: string };
  expect(response.statusCode).toBe(200);
  expect((JSON.parse(response.body) as { openapi: string }).openapi).toBe('3.1.0');
});
