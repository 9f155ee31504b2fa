/** The browser's side of a vault upload, for integration tests: ask, POST the form to S3, complete. */
import type { StaffClient } from '../../support/staff-client';

export interface Grant {
  readonly uploadId: string;
  readonly documentId: string;
  readonly upload: { readonly url: string; readonly fields: Record<string, string> };
}

export interface UploadedDocument {
  readonly documentId: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly incidentId?: string;
  readonly removed?: { reason: string };
}

export async function requestUpload(
  client: StaffClient,
  pupilId: string,
  fileName: string,
  contentType: string,
  bytes: Uint8Array,
): Promise<{ status: number; body: Grant }> {
  return client.json<Grant>('POST', '/api/vault/uploads', {
    pupilId,
    fileName,
    contentType,
    sizeBytes: bytes.byteLength,
  });
}

/** Posts the file to the presigned URL as a browser form would: the fields, then the file last. */
export async function postToStorage(grant: Grant, bytes: Uint8Array, fileName: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(grant.upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes]), fileName);
  return fetch(grant.upload.url, { method: 'POST', body: form });
}

export async function uploadDocument(
  client: StaffClient,
  pupilId: string,
  fileName: string,
  contentType: string,
  bytes: Uint8Array,
): Promise<UploadedDocument> {
  const grant = await requestUpload(client, pupilId, fileName, contentType, bytes);
  if (grant.status !== 201) throw new Error(`Upload request answered ${grant.status}`);
  const posted = await postToStorage(grant.body, bytes, fileName);
  if (!posted.ok) throw new Error(`Storage answered ${posted.status}`);
  const completed = await client.json<UploadedDocument>(
    'POST',
    `/api/vault/uploads/${grant.body.uploadId}/complete`,
  );
  if (completed.status !== 200) throw new Error(`Complete answered ${completed.status}`);
  return completed.body;
}
