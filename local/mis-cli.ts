/**
 * The operator CLI's `mis` commands (issue 5 part 8), for operators and connector authors:
 *
 *   mis generate --pupils 20 [--seed 1] [--staff 3] [--attendance-days 10] [--format lantern|wonde|ctf] --out extract.json
 *   mis push <schoolId> <file> [--format lantern|wonde|ctf] [--url <base URL>] [--credential <lcn_ secret>]
 *   mis status <schoolId> <importId> [--url <base URL>] [--credential <lcn_ secret>]
 *
 * `push` and `status` talk to the API over HTTP exactly as a connector does (docs/mis-connectors.md):
 * the URL defaults to the running `npm start`, the credential to LANTERN_CONNECTOR_SECRET or, against
 * the running `npm start`, the local demo's Oakfield credential. Everything printed is plain English
 * for a person: failures are a CliError (message only, exit 1), never a stack trace.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import { MAX_UPLOADED_EXTRACT_BYTES, type ExtractReceipt } from '../lib/mis/mis-api';
import type { MisImport } from '../lib/mis/import-record';
import { ExtractFormatSchema, type ExtractFormat, type RowProblem } from '../lib/mis/mis-extract';
import { syntheticExtract, toCtfXml, toWondeJson } from '../lib/mis/synthetic-extract';
import { MAX_RAW_BODY_BYTES } from '../lib/platform/http/endpoint';
import { DEMO_CONNECTOR_SECRET } from './demo-mis-seed';
import { RUNTIME_FILE } from './runtime';

/** A failure the person running the CLI can act on: printed as it is, and the CLI exits 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** How many row problems a receipt or status prints; the rest are counted. */
const PROBLEMS_SHOWN = 20;

const FORMAT_NAMES: Record<ExtractFormat, string> = {
  lantern: 'Lantern JSON',
  wonde: 'Wonde-shaped JSON',
  ctf: 'DfE CTF XML',
};

function formatOption(value: string | undefined): ExtractFormat | undefined {
  if (value === undefined) return undefined;
  const parsed = ExtractFormatSchema.safeParse(value);
  if (!parsed.success) throw new CliError(`--format: must be lantern, wonde or ctf, not "${value}"`);
  return parsed.data;
}

function wholeNumber(
  option: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new CliError(`--${option}: must be a whole number from ${min} to ${max}, not "${value}"`);
  return number;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export interface GenerateOptions {
  readonly pupils?: string;
  readonly seed?: string;
  readonly staff?: string;
  readonly attendanceDays?: string;
  readonly format?: string;
  readonly out?: string;
}

/** `mis generate`: a synthetic extract (valid UPNs and ULNs, invented names) written to a file. */
export function generateExtract(options: GenerateOptions): string {
  const pupils = wholeNumber('pupils', options.pupils, 1, 10_000);
  if (pupils === undefined || !options.out) throw new CliError('--pupils and --out are required');
  const format = formatOption(options.format) ?? 'lantern';
  const staff = wholeNumber('staff', options.staff, 0, 2000);
  const attendanceDays = wholeNumber('attendance-days', options.attendanceDays, 0, 400);
  const generated = syntheticExtract({
    seed: wholeNumber('seed', options.seed, 0, 2 ** 31) ?? 1,
    pupils,
    ...(staff === undefined ? {} : { staff }),
    ...(attendanceDays === undefined ? {} : { attendanceDays }),
  });
  // Groups nobody is in would become empty classes at the school: a small extract lists only its own.
  const used = new Set(generated.pupils.flatMap((pupil) => pupil.groupIds));
  const extract = { ...generated, groups: generated.groups.filter((group) => used.has(group.id)) };
  const text =
    format === 'wonde'
      ? toWondeJson(extract)
      : format === 'ctf'
        ? toCtfXml(extract, { sourceLea: '938', sourceEstab: '4001', schoolName: 'Synthetic School' })
        : `${JSON.stringify(extract, null, 2)}\n`;
  writeFileSync(options.out, text);
  const held =
    format === 'ctf'
      ? `${extract.pupils.length} pupils and their year groups (a CTF carries no staff or tutor groups)`
      : `${extract.pupils.length} pupils, ${extract.staff.length} staff, ${extract.groups.length} groups`;
  return `Wrote ${options.out}: ${FORMAT_NAMES[format]}, ${held}, ${size(Buffer.byteLength(text))}.\n`;
}

export interface ConnectionOptions {
  readonly url?: string;
  readonly credential?: string;
}

interface Connection {
  readonly baseUrl: string;
  readonly secret: string;
}

/** Where to send and with which secret: the options, else the environment, else the running npm start. */
function connection(options: ConnectionOptions): Connection {
  let baseUrl = options.url;
  let local = false;
  if (baseUrl === undefined) {
    if (!existsSync(RUNTIME_FILE))
      throw new CliError('Lantern is not running locally (start it with npm start), and no --url was given.');
    baseUrl = z.object({ url: z.string().url() }).parse(JSON.parse(readFileSync(RUNTIME_FILE, 'utf8'))).url;
    local = true;
  }
  if (!/^https?:\/\/[^/]+/.test(baseUrl))
    throw new CliError(`--url: must be like https://lantern.example, not "${baseUrl}"`);
  const secret =
    options.credential ??
    (process.env.LANTERN_CONNECTOR_SECRET || undefined) ??
    (local ? DEMO_CONNECTOR_SECRET : undefined);
  if (!secret)
    throw new CliError(
      'No connector credential: pass --credential or set LANTERN_CONNECTOR_SECRET (an admin creates one under Admin > MIS connection).',
    );
  return { baseUrl: baseUrl.replace(/\/+$/, ''), secret };
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

async function call(
  connection: Connection,
  method: string,
  path: string,
  init: { readonly headers?: Record<string, string>; readonly body?: string | Buffer } = {},
): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${connection.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${connection.secret}`, ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CliError(`Could not reach Lantern at ${connection.baseUrl} (${cause}).`);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // Not JSON (a proxy's error page, say): kept as text for the message.
  }
  return { status: response.status, body };
}

const ProblemBodySchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});

/** A refusal in words: what the status means for a connector, the problem's detail and each field named. */
function refusal(what: string, answer: Answer): CliError {
  const problem = ProblemBodySchema.safeParse(answer.body);
  const lines = [
    `${what} was refused (${answer.status}${problem.data?.title ? ` ${problem.data.title}` : ''}).`,
  ];
  if (problem.data?.detail) lines.push(problem.data.detail);
  for (const error of problem.data?.errors ?? []) lines.push(`  ${error.field}: ${error.reason}`);
  if (answer.status === 401)
    lines.push(
      'The credential was not accepted: check it (a rotated or revoked secret stops working at once).',
    );
  if (!problem.success && typeof answer.body === 'string' && answer.body)
    lines.push(answer.body.slice(0, 300));
  if (problem.data?.requestId) lines.push(`Request id: ${problem.data.requestId}`);
  return new CliError(lines.join('\n'));
}

function problemLines(problems: readonly RowProblem[], total: number): string[] {
  const lines = problems
    .slice(0, PROBLEMS_SHOWN)
    .map(
      (problem) =>
        `  ${problem.severity === 'error' ? 'skipped' : 'warning'}  ${problem.section} row ${problem.row}` +
        `${problem.misId ? ` (${problem.misId})` : ''}, ${problem.field}: ${problem.reason}`,
    );
  const shown = Math.min(problems.length, PROBLEMS_SHOWN);
  if (total > shown) lines.push(`  … and ${total - shown} more`);
  return lines;
}

function receiptText(receipt: ExtractReceipt, schoolId: string): string {
  const { counts } = receipt;
  const lines = [
    `Extract received: import ${receipt.importId} (${FORMAT_NAMES[receipt.format]}).`,
    `  ${counts.pupils} pupils, ${counts.staff} staff, ${counts.groups} groups.`,
    receipt.rowProblemCount === 0
      ? '  No row problems.'
      : `  ${receipt.rowProblemCount} row problem(s): rows marked "skipped" will not be applied; warnings are applied.`,
    ...problemLines(receipt.rowProblems, receipt.rowProblemCount),
    'It is applied by the nightly import (02:00 school time), or at once with Admin > Imports > Run import now.',
    `What became of it: npm run lantern -- mis status ${schoolId} ${receipt.importId}`,
    `  (GET ${receipt.statusPath})`,
  ];
  return `${lines.join('\n')}\n`;
}

export interface PushOptions extends ConnectionOptions {
  readonly format?: string;
}

/** The Content-Type a file is sent as: XML for a CTF (by --format or extension), JSON otherwise. */
function contentTypeOf(
  file: string,
  format: ExtractFormat | undefined,
): 'application/xml' | 'application/json' {
  const extension = extname(file).toLowerCase();
  return format === 'ctf' || extension === '.xml' || extension === '.ctf'
    ? 'application/xml'
    : 'application/json';
}

/** `mis push`: sends a file inline, or through a presigned upload when it is over the inline limit. */
export async function pushExtractFile(schoolId: string, file: string, options: PushOptions): Promise<string> {
  const format = formatOption(options.format);
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`No such file: ${file}`);
  const bytes = statSync(file).size;
  if (bytes > MAX_UPLOADED_EXTRACT_BYTES)
    throw new CliError(
      `${file} is ${size(bytes)}; Lantern takes extracts up to ${size(MAX_UPLOADED_EXTRACT_BYTES)}.`,
    );
  const conn = connection(options);
  const body = readFileSync(file);
  const contentType = contentTypeOf(file, format);
  const query = format === undefined ? '' : `?format=${format}`;
  const school = `/api/mis/schools/${encodeURIComponent(schoolId)}`;

  let answer: Answer;
  let via = '';
  if (bytes <= MAX_RAW_BODY_BYTES) {
    answer = await call(conn, 'POST', `${school}/extracts${query}`, {
      headers: { 'content-type': contentType },
      body,
    });
  } else {
    const started = await call(conn, 'POST', `${school}/uploads`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contentType, ...(format === undefined ? {} : { format }) }),
    });
    if (started.status !== 201) throw refusal('Starting the upload', started);
    const upload = started.body as { url: string; headers: Record<string, string>; completePath: string };
    let put: Response;
    try {
      put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body });
    } catch (error) {
      throw new CliError(
        `Could not upload to storage (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    if (!put.ok)
      throw new CliError(
        `Uploading to storage was refused (${put.status}): ${(await put.text()).slice(0, 300)}`,
      );
    answer = await call(conn, 'POST', `${upload.completePath}${query}`);
    via = `Over ${size(MAX_RAW_BODY_BYTES)}, so uploaded to storage first (${size(bytes)}).\n`;
  }
  if (answer.status !== 202) throw refusal('The extract', answer);
  return via + receiptText(answer.body as ExtractReceipt, schoolId);
}

const STATUS_WORDS: Record<MisImport['status'], string> = {
  received: 'received, waiting for the nightly import (or Admin > Imports > Run import now)',
  rejected: 'rejected: it is not an extract, and nothing of it was applied',
  applying: 'being applied now',
  applied: 'applied',
  failed: 'failed while being applied; the next run applies the newest extract again',
  superseded: 'superseded: a newer extract arrived before it was applied, so it never will be',
};

/** `mis status`: what became of a pushed extract. */
export async function importStatus(
  schoolId: string,
  importId: string,
  options: ConnectionOptions,
): Promise<string> {
  const answer = await call(
    connection(options),
    'GET',
    `/api/mis/schools/${encodeURIComponent(schoolId)}/imports/${encodeURIComponent(importId)}`,
  );
  if (answer.status !== 200) throw refusal('Reading the import', answer);
  const record = answer.body as MisImport;
  const lines = [
    `Import ${record.importId}${record.format ? ` (${FORMAT_NAMES[record.format]})` : ''}, received ${record.receivedAt}, ${size(record.byteSize)}:`,
    `  Status: ${STATUS_WORDS[record.status]}.`,
  ];
  if (record.finishedAt) lines.push(`  Finished at ${record.finishedAt}.`);
  if (record.rejection) lines.push(`  ${record.rejection.field}: ${record.rejection.reason}`);
  if (record.failure) lines.push(`  ${record.failure}`);
  const counts = record.counts;
  if (counts)
    lines.push(
      `  Pupils: ${counts.pupilsInExtract} in the extract, ${counts.pupilsAdded} added, ${counts.pupilsUpdated} updated, ` +
        `${counts.pupilsUnchanged} unchanged, ${counts.pupilsArchived} archived, ${counts.pupilsRestored} restored, ${counts.rowsSkipped} rows skipped.`,
      `  Classes: ${counts.classesAdded} added, ${counts.classesRenamed} renamed. Staff: ${counts.staffInExtract} in the extract, ` +
        `${counts.usersDeactivated} users deactivated. Items written: ${counts.itemsWritten}.`,
    );
  if (record.problemCount > 0) {
    lines.push(`  ${record.problemCount} row problem(s):`);
    lines.push(...problemLines(record.problems, record.problemCount));
  }
  return `${lines.join('\n')}\n`;
}
