/**
 * `npm run lantern -- mis …` as a connector author runs it (a child process through tsx), against the
 * API harness over HTTP: generated extracts in every format that the import's own parser accepts, a
 * push that prints the receipt and its row problems, the import's status, refusals in plain words
 * (exit 1), and a file over the inline limit going through the presigned upload by itself.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { REPOSITORY_ROOT } from '../../../lib/config/repository-root';
import type { IssuedConnectorCredential } from '../../../lib/mis/connector-credential';
import type { MisExtract } from '../../../lib/mis/mis-extract';
import { parseExtract } from '../../../lib/mis/parse-extract';
import { MAX_RAW_BODY_BYTES } from '../../../lib/platform/http/endpoint';
import { DEMO_CONNECTOR_SECRET } from '../../../local/demo-mis-seed';
import { LOCAL_EXTRACTS_BUCKET } from '../../../local/local-environment';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { signInElevated } from '../../support/staff-client';

jest.setTimeout(120_000);
const run = promisify(execFile);
const IMPORT_ID = /Extract received: import ([0-9a-f-]{36}) /;

let harness: ApiHarness;
let folder: string;
let oakfieldId: string;
let secret: string;

beforeAll(async () => {
  harness = await startApiHarness();
  await new S3Client({ forcePathStyle: true })
    .send(new CreateBucketCommand({ Bucket: LOCAL_EXTRACTS_BUCKET }))
    .catch((error: Error) => {
      if (!/BucketAlready/.test(error.name)) throw error;
    });
  folder = await mkdtemp(join(tmpdir(), 'lantern-mis-cli-'));
  const dana = await signInElevated(harness.baseUrl, 'dana');
  oakfieldId = dana.schoolId;
  const created = await dana.json<IssuedConnectorCredential>('POST', '/api/admin/mis/connectors', {
    label: 'CLI test',
  });
  expect(created.status).toBe(201);
  secret = created.body.secret;
}, 120_000);

afterAll(async () => {
  await harness.close();
  await rm(folder, { recursive: true, force: true });
});

function lantern(args: string[], env: Record<string, string> = {}) {
  return run(
    process.execPath,
    [join(REPOSITORY_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'local/cli.ts', ...args],
    // No connector secret leaks in from the shell running the tests.
    { cwd: REPOSITORY_ROOT, env: { ...process.env, LANTERN_CONNECTOR_SECRET: '', ...env } },
  );
}

const push = (file: string, ...extra: string[]) =>
  lantern(['mis', 'push', oakfieldId, file, '--url', harness.baseUrl, '--credential', secret, ...extra]);

describe('mis generate', () => {
  it.each([
    ['lantern', 'extract.json'],
    ['wonde', 'wonde.json'],
    ['ctf', 'extract.xml'],
  ] as const)(
    'writes a %s extract the import accepts, with the pupils, staff and marks asked for',
    async (format, name) => {
      const out = join(folder, name);
      const { stdout } = await lantern([
        'mis',
        'generate',
        '--pupils',
        '7',
        '--staff',
        '2',
        '--attendance-days',
        '3',
        '--seed',
        '5',
        '--format',
        format,
        '--out',
        out,
      ]);
      expect(stdout).toContain(`Wrote ${out}`);
      const parsed = parseExtract(await readFile(out), { receivedAt: '2026-01-01T00:00:00Z' });
      expect(parsed.format).toBe(format);
      expect(parsed.problems).toEqual([]);
      expect(parsed.pupils).toHaveLength(7);
      // A CTF carries pupils only.
      expect(parsed.staff).toHaveLength(format === 'ctf' ? 0 : 2);
      for (const pupil of parsed.pupils) {
        expect(pupil.upn).toMatch(/^[A-Z]\d{12}$/);
        expect(pupil.attendance).toHaveLength(3);
      }
      // Only the groups the pupils are in: a small extract does not make empty classes.
      const used = new Set(parsed.pupils.flatMap((pupil) => pupil.groupIds));
      expect(parsed.groups.map((group) => group.id).sort()).toEqual([...used].sort());
    },
  );

  it('names a bad option and exits 1, writing nothing', async () => {
    const out = join(folder, 'never.json');
    await expect(lantern(['mis', 'generate', '--pupils', 'lots', '--out', out])).rejects.toMatchObject({
      code: 1,
      stderr: '--pupils: must be a whole number from 1 to 10000, not "lots"\n',
    });
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('mis push and mis status', () => {
  it('pushes a file, prints the receipt with its row problems, and then what became of it', async () => {
    const file = join(folder, 'push.json');
    await lantern(['mis', 'generate', '--pupils', '4', '--seed', '9', '--out', file]);
    const extract = JSON.parse(await readFile(file, 'utf8')) as MisExtract;
    // One wrong check letter: that row is skipped and reported, the others still count.
    const bad = extract.pupils[2]!;
    bad.upn = `${bad.upn!.startsWith('A') ? 'B' : 'A'}${bad.upn!.slice(1)}`;
    await writeFile(file, JSON.stringify(extract));

    const pushed = await push(file);
    expect(pushed.stdout).toContain('(Lantern JSON)');
    // The counts are of the rows that will apply: the skipped one is not among them.
    expect(pushed.stdout).toContain(
      `3 pupils, ${extract.staff.length} staff, ${extract.groups.length} groups.`,
    );
    expect(pushed.stdout).toMatch(/\d row problem\(s\): rows marked "skipped" will not be applied/);
    expect(pushed.stdout).toMatch(new RegExp(`skipped {2}pupils row 3 \\(${bad.id}\\), upn: `));
    const importId = IMPORT_ID.exec(pushed.stdout)?.[1];
    expect(importId).toBeDefined();
    expect(pushed.stdout).toContain(`npm run lantern -- mis status ${oakfieldId} ${importId}`);

    // The secret from the environment this time, as a connector's scheduled job would pass it.
    const status = await lantern(['mis', 'status', oakfieldId, importId!, '--url', harness.baseUrl], {
      LANTERN_CONNECTOR_SECRET: secret,
    });
    expect(status.stdout).toContain(`Import ${importId} (Lantern JSON)`);
    expect(status.stdout).toContain('Status: received, waiting for the nightly import');
  });

  it("accepts the local demo's Oakfield credential (seeded with the demo data)", async () => {
    const file = join(folder, 'demo.xml');
    await lantern(['mis', 'generate', '--pupils', '2', '--format', 'ctf', '--out', file]);
    const { stdout } = await lantern([
      'mis',
      'push',
      oakfieldId,
      file,
      '--url',
      harness.baseUrl,
      '--credential',
      DEMO_CONNECTOR_SECRET,
    ]);
    expect(stdout).toContain('(DfE CTF XML)');
    expect(stdout).toContain('2 pupils, 0 staff,');
  });

  it('exits 1 on a broken file, naming the field and why, and on a credential that is not accepted', async () => {
    const broken = join(folder, 'broken.json');
    await writeFile(broken, '{"format": "lantern-mis-extract/1", "pupils": [');
    const refused = push(broken);
    await expect(refused).rejects.toMatchObject({ code: 1 });
    const { stderr } = (await refused.catch((error: unknown) => error)) as { stderr: string };
    expect(stderr).toContain('The extract was refused (400 Invalid request).');
    expect(stderr).toMatch(/^ {2}body: not valid JSON/m);
    expect(stderr).not.toMatch(/\n\s+at /);

    const file = join(folder, 'push.json');
    await expect(
      lantern(['mis', 'push', oakfieldId, file, '--url', harness.baseUrl, '--credential', 'lcn_wrong']),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('The credential was not accepted') as string,
    });
    await expect(push(join(folder, 'missing.json'))).rejects.toMatchObject({
      code: 1,
      stderr: `No such file: ${join(folder, 'missing.json')}\n`,
    });
  });

  it('sends a file over the inline limit through a presigned upload by itself', async () => {
    const file = join(folder, 'large.json');
    await lantern(['mis', 'generate', '--pupils', '2000', '--attendance-days', '60', '--out', file]);
    const bytes = (await readFile(file)).byteLength;
    expect(bytes).toBeGreaterThan(MAX_RAW_BODY_BYTES);

    const { stdout } = await push(file);
    expect(stdout).toContain('so uploaded to storage first');
    expect(stdout).toContain('2000 pupils');
    expect(stdout).toContain('No row problems.');
    const importId = IMPORT_ID.exec(stdout)?.[1];
    const record = await fetch(`${harness.baseUrl}/api/mis/schools/${oakfieldId}/imports/${importId}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(await record.json()).toMatchObject({ status: 'received', byteSize: bytes, format: 'lantern' });
  });
});
