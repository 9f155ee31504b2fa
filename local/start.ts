/**
 * `npm start`: builds the web app, starts Lantern locally (see runtime.ts), prints where
 * everything is, and stops every process on Ctrl-C.
 *   npm start -- [--in-memory] [--port 3000] [--data-dir .lantern/data] [--verbose] [--skip-web-build]
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { JavaMissingError } from './dynamodb-local';
import { DEMO_SCHOOLS, DEMO_STAFF } from './demo-seed';
import { REPOSITORY_ROOT } from './lambda-invoker';
import { startLantern, type RunningLantern } from './runtime';

const run = promisify(execFile);

async function buildWebApp(): Promise<void> {
  process.stdout.write('Building the web app…\n');
  await run(
    join(REPOSITORY_ROOT, 'node_modules', '.bin', 'vite'),
    ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: REPOSITORY_ROOT,
    },
  );
}

function banner(lantern: RunningLantern): string {
  const lines = [
    '',
    `Lantern is running at ${lantern.url}`,
    '',
    `  Web app        ${lantern.url}/`,
    `  System status  ${lantern.url}/health   (API: ${lantern.url}/api/health)`,
    `  API reference  ${lantern.url}/api/openapi.json`,
    `  Sent mail      ${lantern.endpoints.ses}/   (the SES stand-in's mailbox)`,
    `  Data           ${lantern.dataDir ?? 'in memory (gone when you stop)'}`,
    '',
    `  Demo schools   ${DEMO_SCHOOLS.map((school) => `${school.name} (URN ${school.urn})`).join(', ')}`,
    '  Demo sign-ins  (email / password — local demo only)',
    ...DEMO_STAFF.flatMap((member) => [
      `                 ${member.email} / ${member.password}   ${member.role}`,
      // Key holders can "Elevate your access": add the secret to an authenticator app, or run oathtool.
      ...(member.totpSecret
        ? [
            `                   TOTP key secret ${member.totpSecret}   (oathtool --totp -b ${member.totpSecret})`,
          ]
        : []),
    ]),
    ...(lantern.demoTransfer
      ? [
          `  Transfer demo  ${lantern.demoTransfer.pupilName} moved from ${lantern.demoTransfer.fromSchool} to ${lantern.demoTransfer.toSchool}:`,
          '                 sign in as Priya at Riverside, Admin > Transfers > Request; as Dana at Oakfield, authorise;',
          '                 then as Priya, confirm receipt and give a user group the Legacy categories.',
        ]
      : []),
    `  Operator token ${lantern.seed.operatorToken}`,
    `                 curl -H "Authorization: Bearer ${lantern.seed.operatorToken}" ${lantern.url}/api/operator/schools`,
    `  MIS connector  ${lantern.seed.misConnector.secret}   (Oakfield; docs/mis-connectors.md)`,
    `                 npm run lantern -- mis generate --pupils 20 --out extract.json`,
    `                 npm run lantern -- mis push ${lantern.seed.misConnector.schoolId} extract.json`,
    `                 curl -H "Authorization: Bearer ${lantern.seed.misConnector.secret}" -H "Content-Type: application/json" \\`,
    `                   --data-binary @extract.json ${lantern.url}/api/mis/schools/${lantern.seed.misConnector.schoolId}/extracts`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'in-memory': { type: 'boolean', default: false },
      port: { type: 'string', default: process.env.LANTERN_PORT ?? '3000' },
      'data-dir': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      // For tests that run beside others serving web/dist: rebuilding would empty it under them.
      'skip-web-build': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not ${values.port}`);

  if (!values['skip-web-build']) await buildWebApp();
  const lantern = await startLantern({
    inMemory: values['in-memory'],
    port,
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    verbose: values.verbose,
    // A user's session is long and an MIS import writes a whole school: worth a second more at start.
    dynamoDbForThroughput: true,
  });
  process.stdout.write(banner(lantern));

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Lantern…\n`);
    lantern.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Lantern could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
