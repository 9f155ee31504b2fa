/** The S3 (s3rver) and SES (aws-ses-v2-local) stand-ins, run as child processes on 127.0.0.1. */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startChild, waitForPort, type StartedChild } from './child-processes';

const resolvePackageFile = createRequire(import.meta.url).resolve;

export async function startS3Standin(options: {
  port: number;
  dataDir: string;
  verbose?: boolean;
}): Promise<StartedChild> {
  await mkdir(options.dataDir, { recursive: true });
  const child = startChild(
    's3',
    process.execPath,
    [
      resolvePackageFile('s3rver/bin/s3rver.js'),
      '-d',
      options.dataDir,
      '-a',
      '127.0.0.1',
      '-p',
      String(options.port),
      '--silent',
    ],
    // s3rver signs continuation tokens with DES, which OpenSSL 3 only offers through the legacy provider.
    { env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' }, verbose: options.verbose ?? false },
  );
  await waitForPort(options.port, 20_000, child);
  return child;
}

/** The account the SES stand-in reports to GetAccount: production access, sending enabled. */
const LOCAL_SES_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Lantern local runtime',
    WebsiteURL: 'http://localhost',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

export async function startSesStandin(options: { port: number; verbose?: boolean }): Promise<StartedChild> {
  const child = startChild(
    'ses',
    process.execPath,
    [
      resolvePackageFile('aws-ses-v2-local/dist/cli.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(options.port),
    ],
    {
      env: { ...process.env, AWS_SES_ACCOUNT: JSON.stringify(LOCAL_SES_ACCOUNT) },
      verbose: options.verbose ?? false,
    },
  );
  await waitForPort(options.port, 20_000, child);
  return child;
}
