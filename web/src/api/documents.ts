/**
 * The document vault against /api/vault (lib/documents/documents-api.ts): uploads in three steps (ask,
 * send the bytes straight to storage, complete), the pupil's list, one-minute download links, removal
 * with a reason, and alerts. Every answer is checked before a page sees it.
 */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import { isNonEmptyString, isRecord } from './json-shapes';
import { itemsOf, listOf, wholeNumber } from './json-readers';
import type { Problem } from './problem';

export interface VaultDocument {
  documentId: string;
  pupilId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: { name: string };
  incidentId?: string;
  actionId?: string;
  shared: boolean;
  removed?: { at: string; by: { name: string }; reason: string };
}

export interface UploadGrant {
  uploadId: string;
  documentId: string;
  upload: { url: string; fields: Record<string, string> };
}

export interface DownloadLink {
  url: string;
  expiresAt: string;
}

export interface AlertChoices {
  members: { personId: string; displayName: string }[];
  alertGroups: { alertGroupId: string; name: string }[];
}

function name(value: unknown): { name: string } | undefined {
  return isRecord(value) && typeof value.name === 'string' ? { name: value.name } : undefined;
}

function removed(value: unknown): VaultDocument['removed'] | undefined {
  if (!isRecord(value) || !isNonEmptyString(value.at) || typeof value.reason !== 'string') return undefined;
  const by = name(value.by);
  return by ? { at: value.at, by, reason: value.reason } : undefined;
}

export function readDocument(value: unknown): VaultDocument | undefined {
  if (!isRecord(value)) return undefined;
  const { documentId, pupilId, fileName, contentType, sha256, uploadedAt, incidentId, actionId, shared } =
    value;
  const sizeBytes = wholeNumber(value.sizeBytes);
  const uploadedBy = name(value.uploadedBy);
  if (
    !isNonEmptyString(documentId) ||
    !isNonEmptyString(pupilId) ||
    !isNonEmptyString(fileName) ||
    typeof contentType !== 'string' ||
    typeof sha256 !== 'string' ||
    !isNonEmptyString(uploadedAt) ||
    sizeBytes === undefined ||
    !uploadedBy ||
    typeof shared !== 'boolean'
  ) {
    return undefined;
  }
  const removal = value.removed === undefined ? undefined : removed(value.removed);
  if (value.removed !== undefined && !removal) return undefined;
  return {
    documentId,
    pupilId,
    fileName,
    contentType,
    sizeBytes,
    sha256,
    uploadedAt,
    uploadedBy,
    shared,
    ...(isNonEmptyString(incidentId) ? { incidentId } : {}),
    ...(isNonEmptyString(actionId) ? { actionId } : {}),
    ...(removal ? { removed: removal } : {}),
  };
}

function readGrant(value: unknown): UploadGrant | undefined {
  if (!isRecord(value) || !isNonEmptyString(value.uploadId) || !isNonEmptyString(value.documentId))
    return undefined;
  const upload = value.upload;
  if (!isRecord(upload) || !isNonEmptyString(upload.url) || !isRecord(upload.fields)) return undefined;
  const fields: Record<string, string> = {};
  for (const [field, text] of Object.entries(upload.fields)) {
    if (typeof text !== 'string') return undefined;
    fields[field] = text;
  }
  return { uploadId: value.uploadId, documentId: value.documentId, upload: { url: upload.url, fields } };
}

function readLink(value: unknown): DownloadLink | undefined {
  return isRecord(value) && isNonEmptyString(value.url) && isNonEmptyString(value.expiresAt)
    ? { url: value.url, expiresAt: value.expiresAt }
    : undefined;
}

function readAlertChoices(value: unknown): AlertChoices | undefined {
  if (!isRecord(value)) return undefined;
  const members = listOf(value.members, (item) =>
    isRecord(item) && isNonEmptyString(item.personId) && typeof item.displayName === 'string'
      ? { personId: item.personId, displayName: item.displayName }
      : undefined,
  );
  const alertGroups = listOf(value.alertGroups, (item) =>
    isRecord(item) && isNonEmptyString(item.alertGroupId) && typeof item.name === 'string'
      ? { alertGroupId: item.alertGroupId, name: item.name }
      : undefined,
  );
  return members && alertGroups ? { members, alertGroups } : undefined;
}

const pupilPath = (pupilId: string) => `/api/vault/pupils/${encodeURIComponent(pupilId)}` as const;
const documentPath = (pupilId: string, documentId: string) =>
  `${pupilPath(pupilId)}/documents/${encodeURIComponent(documentId)}` as const;

export function requestUpload(
  pupilId: string,
  file: { name: string; type: string; size: number },
): Promise<ApiResult<UploadGrant>> {
  // Some browsers cannot name a type (.msg, .heic): the server decides from the name and the bytes.
  const contentType = file.type === '' ? 'application/octet-stream' : file.type;
  return sendParsed(
    '/api/vault/uploads',
    'POST',
    { pupilId, fileName: file.name, contentType, sizeBytes: file.size },
    readGrant,
    'upload',
  );
}

export function completeUpload(uploadId: string): Promise<ApiResult<VaultDocument>> {
  return sendParsed(
    `/api/vault/uploads/${encodeURIComponent(uploadId)}/complete`,
    'POST',
    undefined,
    readDocument,
    'stored file',
  );
}

/**
 * Sends the file straight to storage with the presigned POST: the fields first, the file last, as S3
 * requires. XMLHttpRequest rather than fetch, because only it reports upload progress.
 */
export function sendToStorage(
  grant: UploadGrant,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<{ ok: true } | { ok: false; problem: Problem }> {
  return new Promise((resolve) => {
    const form = new FormData();
    for (const [field, value] of Object.entries(grant.upload.fields)) form.append(field, value);
    form.append('file', file);
    const request = new XMLHttpRequest();
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () =>
      resolve(
        request.status >= 200 && request.status < 300
          ? { ok: true }
          : {
              ok: false,
              problem: {
                title: 'The file could not be sent',
                detail:
                  'Storage refused the file. Try again; if it keeps happening, quote the time to support.',
                status: request.status,
              },
            },
      ),
    );
    request.addEventListener('error', () =>
      resolve({
        ok: false,
        problem: {
          title: 'The file could not be sent',
          detail: 'Check your internet connection and try again.',
        },
      }),
    );
    request.open('POST', grant.upload.url);
    request.send(form);
  });
}

export function listDocuments(pupilId: string, signal?: AbortSignal): Promise<ApiResult<VaultDocument[]>> {
  return getParsed(
    `${pupilPath(pupilId)}/documents`,
    (body) => itemsOf(body, readDocument),
    'documents',
    signal,
  );
}

export function downloadDocument(pupilId: string, documentId: string): Promise<ApiResult<DownloadLink>> {
  return sendParsed(
    `${documentPath(pupilId, documentId)}/download`,
    'POST',
    undefined,
    readLink,
    'download link',
  );
}

export function downloadZip(
  pupilId: string,
  documentIds: readonly string[],
): Promise<ApiResult<DownloadLink>> {
  return sendParsed(`${pupilPath(pupilId)}/zip`, 'POST', { documentIds }, readLink, 'download link');
}

export function removeDocument(
  pupilId: string,
  documentId: string,
  reason: string,
): Promise<ApiResult<VaultDocument>> {
  return sendParsed(
    `${documentPath(pupilId, documentId)}/remove`,
    'POST',
    { reason },
    readDocument,
    'document',
  );
}

export function alertDocument(
  pupilId: string,
  documentId: string,
  recipients: { personIds: string[]; alertGroupIds: string[] },
): Promise<ApiResult<{ alerted: number }>> {
  return sendParsed(
    `${documentPath(pupilId, documentId)}/alert`,
    'POST',
    recipients,
    (body) => {
      const alerted = isRecord(body) ? wholeNumber(body.alerted) : undefined;
      return alerted === undefined ? undefined : { alerted };
    },
    'alert result',
  );
}

/** Staff and alert groups to alert (the staff directory the incident forms use). */
export function getAlertChoices(signal?: AbortSignal): Promise<ApiResult<AlertChoices>> {
  return getParsed('/api/staff', readAlertChoices, 'staff list', signal);
}
