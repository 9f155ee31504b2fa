/**
 * A zip archive as a stream, built one entry at a time: each entry's source is opened only when the
 * archive reaches it (yazl's lazy read streams), so however many files are selected, one is being
 * read at a time and none is held whole in memory. Entries are stored, not deflated: most vault
 * files (PDF, Office, images) are compressed already, and storing keeps the Lambda's CPU free.
 */
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

export interface ZipEntrySource {
  /** The name inside the archive (already unique). */
  readonly name: string;
  readonly modifiedAt: Date;
  readonly open: () => Promise<Readable>;
}

/** Gives each name a " (2)", " (3)" … before its extension when an earlier entry took it. */
export function uniqueEntryNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((original) => {
    const safe = original.replace(/[\\/]/g, '_').replace(/^\.+/, '_');
    const dot = safe.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
    let candidate = safe;
    for (let copy = 2; taken.has(candidate.toLowerCase()); copy += 1)
      candidate = `${stem} (${copy})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

export function zipStream(entries: readonly ZipEntrySource[]): Readable {
  const zip = new ZipFile();
  for (const entry of entries) {
    zip.addReadStreamLazy(entry.name, { compress: false, mtime: entry.modifiedAt }, (callback) => {
      entry.open().then(
        (stream) => callback(null, stream),
        (error: unknown) => callback(error, undefined as unknown as NodeJS.ReadableStream),
      );
    });
  }
  zip.end();
  // An error opening or reading one source must fail the archive, not leave the upload waiting.
  zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error));
  return zip.outputStream as Readable;
}
