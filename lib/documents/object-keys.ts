/**
 * S3 object keys and encryption contexts for the vault bucket. Like table keys, every object key
 * starts with the school from the session, and ids may not contain '/', so one key cannot reach
 * into another school's or pupil's prefix.
 *
 * | prefix                                        | holds                                   | lifetime            |
 * |-----------------------------------------------|-----------------------------------------|---------------------|
 * | quarantine/<schoolId>/<uploadId>               | a browser upload, before it is checked  | deleted on complete; 1 day (lifecycle) |
 * | vault/<schoolId>/<pupilId>/<documentId>        | a stored document (SSE-KMS, context)    | kept                |
 * | exports/<schoolId>/<exportId>/<name>           | a zip or PDF made for one download      | 1 day (lifecycle)   |
 */

export const QUARANTINE_PREFIX = 'quarantine/';
export const VAULT_PREFIX = 'vault/';
export const EXPORTS_PREFIX = 'exports/';

function segment(value: string, name: string): string {
  if (value.length === 0 || value.includes('/') || value === '.' || value === '..') {
    throw new Error(`Invalid object key part ${name}`);
  }
  return value;
}

export const objectKeys = {
  quarantine: (schoolId: string, uploadId: string): string =>
    `${QUARANTINE_PREFIX}${segment(schoolId, 'schoolId')}/${segment(uploadId, 'uploadId')}`,
  vault: (schoolId: string, pupilId: string, documentId: string): string =>
    `${VAULT_PREFIX}${segment(schoolId, 'schoolId')}/${segment(pupilId, 'pupilId')}/${segment(documentId, 'documentId')}`,
  export: (schoolId: string, exportId: string, fileName: string): string =>
    `${EXPORTS_PREFIX}${segment(schoolId, 'schoolId')}/${segment(exportId, 'exportId')}/${segment(fileName, 'fileName')}`,
};

/**
 * The KMS encryption context of a pupil's document, as S3's SSEKMSEncryptionContext takes it
 * (base64 of a JSON object). KMS binds it to the ciphertext and CloudTrail records it with every
 * decrypt, so each use of the key names the school and pupil it was for.
 */
export function documentEncryptionContext(schoolId: string, pupilId: string): string {
  return Buffer.from(JSON.stringify({ schoolId, pupilId }), 'utf8').toString('base64');
}

/** The context of an export: the school only, since a zip may in future span pupils. */
export function exportEncryptionContext(schoolId: string): string {
  return Buffer.from(JSON.stringify({ schoolId, purpose: 'export' }), 'utf8').toString('base64');
}
