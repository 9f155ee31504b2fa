/**
 * The proof of receipt (BYD-2), built from what is actually at the new school: the new pupil's chronology
 * copies and vault documents this transfer wrote, counted, with every file's id, name, size and SHA-256
 * and the SHA-256 of the whole set. A resumed copy therefore reports exactly what exists; the copier then
 * checks it against the plan.
 */
import { createHash } from 'node:crypto';
import { TransferManifestSchema, type ManifestFile, type TransferManifest } from '../transfer';
import type { SourceItem } from './copy-source';
import type { CopyCounts } from './copy-state';

/** SHA-256 (hex) of "<sha256> <documentId>\n" for every file, in documentId order. */
export function setSha256(files: readonly ManifestFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.sha256} ${file.documentId}\n`);
  return hash.digest('hex');
}

export function manifestOf(
  transferId: string,
  destination: readonly SourceItem[],
  at: Date,
): TransferManifest {
  const ours = destination.filter((item) => item.record.transferredFrom?.transferId === transferId);
  const files = ours
    .flatMap((item) => (item.kind === 'document' ? [item.record] : []))
    .map(({ documentId, fileName, sizeBytes, sha256 }) => ({ documentId, fileName, sizeBytes, sha256 }))
    .sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
  return TransferManifestSchema.parse({
    producedAt: at.toISOString(),
    counts: {
      incidents: ours.filter((item) => item.kind === 'incident').length,
      actions: ours.filter((item) => item.kind === 'action').length,
      files: files.length,
    },
    totalBytes: files.reduce((sum, file) => sum + file.sizeBytes, 0),
    files,
    setSha256: setSha256(files),
  });
}

/** What differs between the manifest and the plan, in words; empty when they agree. */
export function differencesFromPlan(
  manifest: TransferManifest,
  planned: CopyCounts,
  plannedDocumentIds: ReadonlySet<string>,
): string[] {
  const differences = (['incidents', 'actions', 'files'] as const)
    .filter((kind) => manifest.counts[kind] !== planned[kind])
    .map((kind) => `${kind}: ${manifest.counts[kind]} at the new school, ${planned[kind]} planned`);
  const unexpected = manifest.files.filter((file) => !plannedDocumentIds.has(file.documentId));
  if (unexpected.length > 0) differences.push(`${unexpected.length} file(s) not in the plan`);
  return differences;
}
