/**
 * Which files the vault takes (seed 12.9 lists what schools upload: office documents, PDFs, Outlook
 * messages, images, audio and video, text, rich text, OpenDocument), and how each is recognised by
 * its first bytes. Nothing the browser says is trusted: the declared type must match the extension,
 * and the stored bytes must begin as that type does, so a renamed executable or an HTML page sent
 * as a PDF is refused.
 *
 * Left out on purpose: HTML, XML and SVG (active content that runs when opened), archives (zip,
 * rar, 7z: their contents cannot be checked and they are a common way to pass malware), executables
 * and scripts, and legacy media formats with no reliable signature (wma, avi, mpg).
 */

export interface FileType {
  /** Short id, stored with nothing; used in messages and tests. */
  readonly id: string;
  /** Lower-case extensions without the dot. */
  readonly extensions: readonly string[];
  /** The type stored and served back; the first entry of `acceptedTypes`. */
  readonly contentType: string;
  /** Types a browser may declare for this extension (some send a generic one). */
  readonly acceptedTypes: readonly string[];
  /** Whether the first bytes of a file are this type's. */
  readonly matches: (head: Uint8Array) => boolean;
  /** What the file is, in words for a refusal ("a PDF document"). */
  readonly description: string;
}

/** How many leading bytes the signature checks need (text files are checked over all of them). */
export const SIGNATURE_BYTES = 8192;

function startsWith(head: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (head.length < offset + signature.length) return false;
  return signature.every((byte, index) => head[offset + index] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((character) => character.charCodeAt(0));
}

const OLE_COMPOUND = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

/** ISO base media (MP4, MOV, M4A, HEIC): a box of type "ftyp" at offset 4 whose brand is one of these. */
function isoMedia(brands: readonly string[]): (head: Uint8Array) => boolean {
  return (head) =>
    startsWith(head, ascii('ftyp'), 4) &&
    brands.some((brand) => startsWith(head, ascii(brand.padEnd(4, ' ')), 8));
}

/** OpenDocument: a zip whose first entry is the uncompressed "mimetype" file naming the type. */
function openDocument(mimeType: string): (head: Uint8Array) => boolean {
  return (head) =>
    startsWith(head, ZIP_LOCAL_HEADER) &&
    startsWith(head, ascii('mimetype'), 30) &&
    startsWith(head, ascii(mimeType), 38);
}

/** Plain text: no NUL byte and no control characters other than tab, line feed, form feed, return. */
function isText(head: Uint8Array): boolean {
  return head.every(
    (byte) => byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d,
  );
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
const GENERIC = 'application/octet-stream';

export const FILE_TYPES: readonly FileType[] = [
  {
    id: 'pdf',
    extensions: ['pdf'],
    contentType: 'application/pdf',
    acceptedTypes: ['application/pdf'],
    matches: (head) => startsWith(head, ascii('%PDF-')),
    description: 'a PDF document',
  },
  {
    id: 'doc',
    extensions: ['doc'],
    contentType: 'application/msword',
    acceptedTypes: ['application/msword', GENERIC],
    matches: (head) => startsWith(head, OLE_COMPOUND),
    description: 'a Word 97–2003 document',
  },
  {
    id: 'xls',
    extensions: ['xls'],
    contentType: 'application/vnd.ms-excel',
    acceptedTypes: ['application/vnd.ms-excel', GENERIC],
    matches: (head) => startsWith(head, OLE_COMPOUND),
    description: 'an Excel 97–2003 workbook',
  },
  {
    id: 'ppt',
    extensions: ['ppt'],
    contentType: 'application/vnd.ms-powerpoint',
    acceptedTypes: ['application/vnd.ms-powerpoint', GENERIC],
    matches: (head) => startsWith(head, OLE_COMPOUND),
    description: 'a PowerPoint 97–2003 presentation',
  },
  {
    id: 'pub',
    extensions: ['pub'],
    contentType: 'application/x-mspublisher',
    acceptedTypes: ['application/x-mspublisher', 'application/vnd.ms-publisher', GENERIC],
    matches: (head) => startsWith(head, OLE_COMPOUND),
    description: 'a Publisher document',
  },
  {
    id: 'msg',
    extensions: ['msg'],
    contentType: 'application/vnd.ms-outlook',
    acceptedTypes: ['application/vnd.ms-outlook', GENERIC],
    matches: (head) => startsWith(head, OLE_COMPOUND),
    description: 'an Outlook message',
  },
  {
    id: 'docx',
    extensions: ['docx'],
    contentType: `${OOXML}.wordprocessingml.document`,
    acceptedTypes: [`${OOXML}.wordprocessingml.document`],
    matches: (head) => startsWith(head, ZIP_LOCAL_HEADER),
    description: 'a Word document',
  },
  {
    id: 'xlsx',
    extensions: ['xlsx'],
    contentType: `${OOXML}.spreadsheetml.sheet`,
    acceptedTypes: [`${OOXML}.spreadsheetml.sheet`],
    matches: (head) => startsWith(head, ZIP_LOCAL_HEADER),
    description: 'an Excel workbook',
  },
  {
    id: 'pptx',
    extensions: ['pptx'],
    contentType: `${OOXML}.presentationml.presentation`,
    acceptedTypes: [`${OOXML}.presentationml.presentation`],
    matches: (head) => startsWith(head, ZIP_LOCAL_HEADER),
    description: 'a PowerPoint presentation',
  },
  {
    id: 'odt',
    extensions: ['odt'],
    contentType: 'application/vnd.oasis.opendocument.text',
    acceptedTypes: ['application/vnd.oasis.opendocument.text'],
    matches: openDocument('application/vnd.oasis.opendocument.text'),
    description: 'an OpenDocument text',
  },
  {
    id: 'ods',
    extensions: ['ods'],
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    acceptedTypes: ['application/vnd.oasis.opendocument.spreadsheet'],
    matches: openDocument('application/vnd.oasis.opendocument.spreadsheet'),
    description: 'an OpenDocument spreadsheet',
  },
  {
    id: 'odp',
    extensions: ['odp'],
    contentType: 'application/vnd.oasis.opendocument.presentation',
    acceptedTypes: ['application/vnd.oasis.opendocument.presentation'],
    matches: openDocument('application/vnd.oasis.opendocument.presentation'),
    description: 'an OpenDocument presentation',
  },
  {
    id: 'rtf',
    extensions: ['rtf'],
    contentType: 'application/rtf',
    acceptedTypes: ['application/rtf', 'text/rtf'],
    matches: (head) => startsWith(head, ascii('{\\rtf')),
    description: 'a rich text document',
  },
  {
    id: 'txt',
    extensions: ['txt'],
    contentType: 'text/plain',
    acceptedTypes: ['text/plain'],
    matches: isText,
    description: 'a plain text file',
  },
  {
    id: 'csv',
    extensions: ['csv'],
    contentType: 'text/csv',
    acceptedTypes: ['text/csv', 'application/vnd.ms-excel', 'text/plain'],
    matches: isText,
    description: 'a CSV file',
  },
  {
    id: 'eml',
    extensions: ['eml'],
    contentType: 'message/rfc822',
    acceptedTypes: ['message/rfc822'],
    // A message starts with a header line ("Received: …", "From: …").
    matches: (head) =>
      isText(head) && /^[A-Za-z][A-Za-z0-9-]*:/.test(new TextDecoder().decode(head.slice(0, 80))),
    description: 'an email message',
  },
  {
    id: 'png',
    extensions: ['png'],
    contentType: 'image/png',
    acceptedTypes: ['image/png'],
    matches: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    description: 'a PNG image',
  },
  {
    id: 'jpeg',
    extensions: ['jpg', 'jpeg'],
    contentType: 'image/jpeg',
    acceptedTypes: ['image/jpeg'],
    matches: (head) => startsWith(head, [0xff, 0xd8, 0xff]),
    description: 'a JPEG image',
  },
  {
    id: 'gif',
    extensions: ['gif'],
    contentType: 'image/gif',
    acceptedTypes: ['image/gif'],
    matches: (head) => startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a')),
    description: 'a GIF image',
  },
  {
    id: 'tiff',
    extensions: ['tif', 'tiff'],
    contentType: 'image/tiff',
    acceptedTypes: ['image/tiff'],
    matches: (head) =>
      startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]),
    description: 'a TIFF image',
  },
  {
    id: 'webp',
    extensions: ['webp'],
    contentType: 'image/webp',
    acceptedTypes: ['image/webp'],
    matches: (head) => startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8),
    description: 'a WebP image',
  },
  {
    id: 'heic',
    extensions: ['heic', 'heif'],
    contentType: 'image/heic',
    // Phones' photos; browsers often cannot name the type.
    acceptedTypes: ['image/heic', 'image/heif', GENERIC],
    matches: isoMedia(['heic', 'heix', 'heif', 'mif1', 'msf1']),
    description: 'a HEIC photo',
  },
  {
    id: 'mp3',
    extensions: ['mp3'],
    contentType: 'audio/mpeg',
    acceptedTypes: ['audio/mpeg', 'audio/mp3'],
    matches: (head) =>
      startsWith(head, ascii('ID3')) ||
      (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0),
    description: 'an MP3 recording',
  },
  {
    id: 'm4a',
    extensions: ['m4a'],
    contentType: 'audio/mp4',
    acceptedTypes: ['audio/mp4', 'audio/x-m4a', 'audio/m4a'],
    matches: isoMedia(['M4A', 'mp42', 'isom']),
    description: 'an M4A recording',
  },
  {
    id: 'wav',
    extensions: ['wav'],
    contentType: 'audio/wav',
    acceptedTypes: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
    matches: (head) => startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WAVE'), 8),
    description: 'a WAV recording',
  },
  {
    id: 'mp4',
    extensions: ['mp4'],
    contentType: 'video/mp4',
    acceptedTypes: ['video/mp4'],
    matches: isoMedia(['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V', 'MSNV', 'dash']),
    description: 'an MP4 video',
  },
  {
    id: 'mov',
    extensions: ['mov'],
    contentType: 'video/quicktime',
    acceptedTypes: ['video/quicktime'],
    matches: isoMedia(['qt']),
    description: 'a QuickTime video',
  },
];

/** The extension of a file name, lower-case without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 || dot === fileName.length - 1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The media type part of a Content-Type ("text/plain; charset=utf-8" → "text/plain"). */
function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

export type FileTypeDecision =
  | { readonly accepted: true; readonly type: FileType }
  | { readonly accepted: false; readonly field: 'fileName' | 'contentType'; readonly reason: string };

/** Whether a declared name and type are on the allow-list and agree with each other. */
export function decideFileType(fileName: string, contentType: string): FileTypeDecision {
  const extension = extensionOf(fileName);
  const type = FILE_TYPES.find((candidate) => candidate.extensions.includes(extension));
  if (!type) {
    return {
      accepted: false,
      field: 'fileName',
      reason:
        extension === ''
          ? 'the file name needs an extension such as .pdf or .docx'
          : `.${extension} files cannot be stored in the vault`,
    };
  }
  if (!type.acceptedTypes.includes(mediaType(contentType))) {
    return {
      accepted: false,
      field: 'contentType',
      reason: `a .${extension} file must be sent as ${type.contentType}`,
    };
  }
  return { accepted: true, type };
}

/** The file type with this id (ids come from this module, so an unknown one is a programming error). */
export function fileTypeById(id: string): FileType {
  const type = FILE_TYPES.find((candidate) => candidate.id === id);
  if (!type) throw new Error(`Unknown file type ${id}`);
  return type;
}

/** Every extension the vault takes, for the file picker's accept attribute and the docs. */
export const ACCEPTED_EXTENSIONS: readonly string[] = FILE_TYPES.flatMap((type) => type.extensions);
