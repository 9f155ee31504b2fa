/**
 * Operator CLI: `npm run lantern -- <command>`. Talks to the table directly with the operator's
 * own AWS credentials, or to a running `npm start` when no --table-name is given.
 *
 *   school create --urn 990003 --la 999 --estab 3003 --name "Hill Top School" [--time-zone Europe/London]
 *   school list
 *   operator token create --label "Trust IT"
 *   user unlock --email someone@school.example   (clears a sign-in lockout)
 *   user add --urn 990003 --email head@hilltop.example --name "Pat Head" [--group "Designated Safeguarding Leads"]
 *   user remove-keys --email someone@school.example   (lost their only key; ends every session)
 *   user change-email --email old@school.example --to new@school.example
 *   mis generate --pupils 20 [--seed 1] [--staff 3] [--attendance-days 10] [--format lantern|wonde|ctf] --out extract.json
 *   mis push <schoolId> extract.json [--format …] [--url https://lantern.example] [--credential lcn_…]
 *   mis status <schoolId> <importId> [--url …] [--credential lcn_…]
 *
 * Against AWS: add --table-name <Data stack output TableName> --region <region>.
 * The mis commands go over HTTP as a connector does (local/mis-cli.ts): --url (default: the running
 * npm start) and --credential (or LANTERN_CONNECTOR_SECRET; default: the local demo's Oakfield one).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { createAccessServices } from '../lib/access/access-services';
import { EmailSchema, normaliseEmail } from '../lib/identity/identity';
import { KeyRepository } from '../lib/identity/keys/key-repository';
import { OperatorUserTasks } from '../lib/operators/operator-user-tasks';
import { createIdentityServices } from '../lib/identity/identity-services';
import { OperatorTokenRepository } from '../lib/operators/operator-token-repository';
import { OperatorTokenService } from '../lib/operators/operator-token-service';
import { DuplicateUrnError, SchoolRepository } from '../lib/schools/school-repository';
import { SchoolService } from '../lib/schools/school-service';
import { LOCAL_REGION } from './local-environment';
import { CliError, generateExtract, importStatus, pushExtractFile } from './mis-cli';
import { RUNTIME_FILE } from './runtime';

const USAGE = `Usage: npm run lantern -- <command> [options]
  school create --urn <6 digits> --la <3 digits> --estab <4 digits> --name <name> [--time-zone <IANA zone>]
  school list
  operator token create --label <label>
  user unlock --email <email>
  user add --urn <urn> --email <email> --name <name> [--group <user group name>]
  user remove-keys --email <email>
  user change-email --email <email> --to <new email>
  mis generate --pupils <n> [--seed <n>] [--staff <n>] [--attendance-days <n>] [--format lantern|wonde|ctf] --out <file>
  mis push <schoolId> <file> [--format lantern|wonde|ctf] [--url <base URL>] [--credential <secret>]
  mis status <schoolId> <importId> [--url <base URL>] [--credential <secret>]
Options for AWS: --table-name <name> --region <region> (default: the running npm start)
Options for mis: --url (default: the running npm start), --credential (or LANTERN_CONNECTOR_SECRET;
  default against npm start: the demo Oakfield connector). See docs/mis-connectors.md.`;

/** School input fields and the options that carry them, so errors name what the operator typed. */
const OPTION_FOR_FIELD: Record<string, string> = {
  urn: 'urn',
  laNumber: 'la',
  establishmentNumber: 'estab',
  name: 'name',
  timeZone: 'time-zone',
};

interface Target {
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly region: string;
}

function resolveTarget(tableName: string | undefined, region: string | undefined): Target {
  if (tableName) {
    const awsRegion = region ?? process.env.AWS_REGION;
    if (!awsRegion) throw new Error('--region (or AWS_REGION) is needed with --table-name');
    return {
      dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region: awsRegion })),
      tableName,
      region: awsRegion,
    };
  }
  if (!existsSync(RUNTIME_FILE)) {
    throw new Error(
      'Lantern is not running locally (start it with npm start), and no --table-name was given.',
    );
  }
  const runtime = z
    .object({ tableName: z.string(), endpoints: z.object({ dynamodb: z.string().url() }) })
    .parse(JSON.parse(readFileSync(RUNTIME_FILE, 'utf8')));
  const client = new DynamoDBClient({
    region: LOCAL_REGION,
    endpoint: runtime.endpoints.dynamodb,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { dynamo: DynamoDBDocumentClient.from(client), tableName: runtime.tableName, region: LOCAL_REGION };
}

/** An email option, normalised; a malformed one names its option. */
function emailOption(option: string, value: string): string {
  const parsed = EmailSchema.safeParse(value);
  if (!parsed.success) throw new Error(`--${option}: must be an email address`);
  return parsed.data;
}

function userTasks({ dynamo, tableName }: Target): OperatorUserTasks {
  return new OperatorUserTasks({
    identity: createIdentityServices(dynamo, tableName),
    access: createAccessServices(dynamo, tableName),
    schools: new SchoolRepository(dynamo, tableName),
    keys: new KeyRepository(dynamo, tableName),
  });
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      urn: { type: 'string' },
      la: { type: 'string' },
      estab: { type: 'string' },
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      label: { type: 'string' },
      email: { type: 'string' },
      to: { type: 'string' },
      group: { type: 'string' },
      'table-name': { type: 'string' },
      region: { type: 'string' },
      pupils: { type: 'string' },
      seed: { type: 'string' },
      staff: { type: 'string' },
      'attendance-days': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      url: { type: 'string' },
      credential: { type: 'string' },
    },
  });
  // `mis push` and `mis status` take two positional arguments after the command's words.
  const misArguments = positionals[0] === 'mis' && positionals.length === 4 ? positionals.slice(2) : [];
  const command = misArguments.length > 0 ? positionals.slice(0, 2).join(' ') : positionals.join(' ');
  const connection = {
    ...(values.url === undefined ? {} : { url: values.url }),
    ...(values.credential === undefined ? {} : { credential: values.credential }),
  };
  const target = (): Target => resolveTarget(values['table-name'], values.region);

  switch (command) {
    case 'school create': {
      const { dynamo, tableName, region } = target();
      const service = new SchoolService(new SchoolRepository(dynamo, tableName), region);
      const school = await service.create({
        urn: values.urn ?? '',
        laNumber: values.la ?? '',
        establishmentNumber: values.estab ?? '',
        name: values.name ?? '',
        ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
      });
      process.stdout.write(`${JSON.stringify(school, null, 2)}\n`);
      return;
    }
    case 'school list': {
      const { dynamo, tableName, region } = target();
      const service = new SchoolService(new SchoolRepository(dynamo, tableName), region);
      let cursor: string | undefined;
      do {
        const page = await service.list(100, cursor);
        for (const school of page.items) {
          process.stdout.write(`${school.urn}\t${school.dfeNumber}\t${school.name}\t${school.schoolId}\n`);
        }
        cursor = page.nextCursor;
      } while (cursor);
      return;
    }
    case 'operator token create': {
      if (!values.label) throw new Error('--label is required');
      const { dynamo, tableName } = target();
      const service = new OperatorTokenService(new OperatorTokenRepository(dynamo, tableName));
      const { token, secret } = await service.issue(values.label);
      process.stdout.write(
        `Operator token ${token.tokenId} (${token.label}). Shown once; store it safely:\n${secret}\n`,
      );
      return;
    }
    case 'user unlock': {
      if (!values.email) throw new Error('--email is required');
      const { dynamo, tableName } = target();
      const identity = createIdentityServices(dynamo, tableName);
      const person = await identity.people.findByEmail(normaliseEmail(values.email));
      if (!person) throw new Error(`No person with the email ${values.email}`);
      await identity.people.clearFailedSignIns(person.personId, new Date().toISOString());
      await identity.securityLog.append({
        personId: person.personId,
        type: 'account-unlocked',
        sourceIp: 'operator CLI',
        userAgent: 'npm run lantern',
      });
      process.stdout.write(`Unlocked ${person.email}: they can sign in again now.\n`);
      return;
    }
    case 'user add': {
      if (!values.urn || !values.email || !values.name)
        throw new Error('--urn, --email and --name are required');
      const added = await userTasks(target()).addUser({
        urn: values.urn,
        email: emailOption('email', values.email),
        displayName: values.name,
        ...(values.group ? { groupName: values.group } : {}),
      });
      process.stdout.write(
        `Added ${values.email} to ${added.schoolName} (${added.groupName}). They set a first password with ` +
          '"Forgotten your password?" on the sign-in page, then add a key to elevate.\n',
      );
      return;
    }
    case 'user remove-keys': {
      if (!values.email) throw new Error('--email is required');
      const removed = await userTasks(target()).removeKeys(emailOption('email', values.email));
      process.stdout.write(`Removed ${removed} key(s) of ${values.email} and ended their sessions.\n`);
      return;
    }
    case 'user change-email': {
      if (!values.email || !values.to) throw new Error('--email and --to are required');
      await userTasks(target()).changeEmail(emailOption('email', values.email), emailOption('to', values.to));
      process.stdout.write(`${values.email} now signs in as ${values.to}; their sessions were ended.\n`);
      return;
    }
    case 'mis generate': {
      process.stdout.write(
        generateExtract({
          ...(values.pupils === undefined ? {} : { pupils: values.pupils }),
          ...(values.seed === undefined ? {} : { seed: values.seed }),
          ...(values.staff === undefined ? {} : { staff: values.staff }),
          ...(values['attendance-days'] === undefined ? {} : { attendanceDays: values['attendance-days'] }),
          ...(values.format === undefined ? {} : { format: values.format }),
          ...(values.out === undefined ? {} : { out: values.out }),
        }),
      );
      return;
    }
    case 'mis push': {
      const [schoolId = '', file = ''] = misArguments;
      process.stdout.write(
        await pushExtractFile(schoolId, file, {
          ...connection,
          ...(values.format === undefined ? {} : { format: values.format }),
        }),
      );
      return;
    }
    case 'mis status': {
      const [schoolId = '', importId = ''] = misArguments;
      process.stdout.write(await importStatus(schoolId, importId, connection));
      return;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof z.ZodError) {
    for (const issue of error.issues) {
      const field = String(issue.path[0] ?? '');
      process.stderr.write(`--${OPTION_FOR_FIELD[field] ?? field}: ${issue.message}\n`);
    }
  } else if (error instanceof DuplicateUrnError || error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 1;
});
