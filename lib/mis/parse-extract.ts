/**
 * One entry point for a pushed extract: pick the format, decode, check the structure, convert and
 * validate. A file that is not an extract at all throws ExtractStructureError (rejected whole, nothing
 * changes); otherwise the result holds the valid rows and every problem found in the others.
 */
import { readCtfExtract } from './formats/ctf-format';
import { readLanternExtract } from './formats/lantern-format';
import { isRecord, type LooseExtract } from './formats/loose-extract';
import { readWondeExtract } from './formats/wonde-format';
import { validateExtract } from './extract-validation';
import {
  ExtractStructureError,
  LANTERN_EXTRACT_FORMAT,
  type ExtractFormat,
  type ValidatedExtract,
} from './mis-extract';

export interface ExtractHint {
  /** The format the connector declared; wins over sniffing. */
  readonly format?: ExtractFormat;
  /** The request's Content-Type. */
  readonly mediaType?: string;
  /** When the extract arrived: the generation time of formats that carry none (Wonde). Default: now. */
  readonly receivedAt?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(body: Uint8Array): string {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new ExtractStructureError('body', 'is not UTF-8 text');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ExtractStructureError(
      'body',
      `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function isXmlMediaType(mediaType: string | undefined): boolean {
  const essence = mediaType?.split(';')[0]?.trim().toLowerCase();
  return essence === 'application/xml' || essence === 'text/xml';
}

/** Which format a JSON document is, by its top level. */
function jsonFormatOf(json: unknown): ExtractFormat {
  if (isRecord(json)) {
    if (json['format'] === LANTERN_EXTRACT_FORMAT) return 'lantern';
    if (Array.isArray(json['data']) || 'students' in json) return 'wonde';
    if (typeof json['format'] === 'string')
      throw new ExtractStructureError(
        'body.format',
        `unknown format: "${json['format'].slice(0, 60)}"; Lantern reads "${LANTERN_EXTRACT_FORMAT}"`,
      );
  }
  throw new ExtractStructureError(
    'body',
    `unknown format: not Lantern JSON ("format": "${LANTERN_EXTRACT_FORMAT}"), Wonde JSON (a "data" array or "students") or CTF XML`,
  );
}

export function parseExtract(body: Uint8Array, hint: ExtractHint = {}): ValidatedExtract {
  const text = decode(body);
  const xml =
    hint.format === 'ctf' ||
    (hint.format === undefined && (isXmlMediaType(hint.mediaType) || text.trimStart().startsWith('<')));
  if (xml) return validateExtract('ctf', readCtfExtract(text));
  const json = parseJson(text);
  const format = hint.format ?? jsonFormatOf(json);
  const loose: LooseExtract =
    format === 'wonde'
      ? readWondeExtract(json, hint.receivedAt ?? new Date().toISOString())
      : readLanternExtract(json);
  return validateExtract(format, loose);
}
