/** Printing one incident to PDF (POST /api/incidents/{incidentId}/print): a one-minute download link. */
import { sendParsed, type ApiResult } from './api-result';
import { isNonEmptyString, isRecord } from './json-shapes';

export interface PrintLink {
  readonly url: string;
  readonly fileName: string;
  readonly expiresAt: string;
}

function readPrintLink(value: unknown): PrintLink | undefined {
  return isRecord(value) &&
    isNonEmptyString(value.url) &&
    isNonEmptyString(value.fileName) &&
    isNonEmptyString(value.expiresAt)
    ? { url: value.url, fileName: value.fileName, expiresAt: value.expiresAt }
    : undefined;
}

export function printIncident(incidentId: string, pupilId: string): Promise<ApiResult<PrintLink>> {
  return sendParsed(
    `/api/incidents/${encodeURIComponent(incidentId)}/print`,
    'POST',
    { pupilId },
    readPrintLink,
    'print link',
  );
}
