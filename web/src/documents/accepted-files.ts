/**
 * The file extensions the vault takes (lib/documents/file-types.ts; a unit test keeps the two lists
 * equal). The picker offers only these; the server still checks every file's name, type and bytes.
 */
export const ACCEPTED_EXTENSIONS: readonly string[] = [
  'pdf',
  'doc',
  'xls',
  'ppt',
  'pub',
  'msg',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  'rtf',
  'txt',
  'csv',
  'eml',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'tif',
  'tiff',
  'webp',
  'heic',
  'heif',
  'mp3',
  'm4a',
  'wav',
  'mp4',
  'mov',
];

/** The file input's accept attribute. */
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((extension) => `.${extension}`).join(',');

/** "1.2 MB", "340 KB", "12 bytes": sizes as people read them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
