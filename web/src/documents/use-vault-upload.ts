/**
 * Uploads files to a pupil's vault, each on its own: ask for an upload, send the bytes straight to
 * storage (with progress), then have Lantern check and store them. Each file ends stored, with its
 * document id, or refused, with the reason Lantern gave.
 */
import { useCallback, useRef, useState } from 'react';
import { completeUpload, requestUpload, sendToStorage } from '../api/documents';
import type { Problem } from '../api/problem';

export type UploadStatus =
  | { phase: 'sending'; fraction: number }
  | { phase: 'checking' }
  | { phase: 'stored'; documentId: string }
  | { phase: 'refused'; reason: string };

export interface UploadEntry {
  key: number;
  fileName: string;
  sizeBytes: number;
  status: UploadStatus;
}

function reasonOf(problem: Problem): string {
  return problem.errors?.[0]?.reason ?? problem.detail ?? problem.title;
}

export function useVaultUpload(pupilId: string) {
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const nextKey = useRef(1);

  const update = useCallback((key: number, status: UploadStatus) => {
    setEntries((current) => current.map((entry) => (entry.key === key ? { ...entry, status } : entry)));
  }, []);

  const uploadOne = useCallback(
    async (key: number, file: File) => {
      const granted = await requestUpload(pupilId, file);
      if (!granted.ok) return update(key, { phase: 'refused', reason: reasonOf(granted.problem) });
      const sent = await sendToStorage(granted.value, file, (fraction) =>
        update(key, { phase: 'sending', fraction }),
      );
      if (!sent.ok) return update(key, { phase: 'refused', reason: reasonOf(sent.problem) });
      update(key, { phase: 'checking' });
      const stored = await completeUpload(granted.value.uploadId);
      update(
        key,
        stored.ok
          ? { phase: 'stored', documentId: stored.value.documentId }
          : { phase: 'refused', reason: reasonOf(stored.problem) },
      );
    },
    [pupilId, update],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const added: UploadEntry[] = files.map((file) => ({
        key: nextKey.current++,
        fileName: file.name,
        sizeBytes: file.size,
        status: { phase: 'sending', fraction: 0 },
      }));
      setEntries((current) => [...current, ...added]);
      added.forEach((entry, index) => void uploadOne(entry.key, files[index] as File));
    },
    [uploadOne],
  );

  /** Takes a file out of this form (a stored file stays in the vault, unattached). */
  const forget = useCallback((key: number) => {
    setEntries((current) => current.filter((entry) => entry.key !== key));
  }, []);

  return { entries, add, forget };
}

/** The document ids of the files stored so far. */
export function storedDocumentIds(entries: readonly UploadEntry[]): string[] {
  return entries.flatMap((entry) => (entry.status.phase === 'stored' ? [entry.status.documentId] : []));
}
