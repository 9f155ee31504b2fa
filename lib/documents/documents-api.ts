/**
 * Document vault endpoints (REC-9), under /api/vault. Uploads need only the `files` permission
 * (it works without a key, so a teacher can attach a file to a concern); reading a pupil's vault
 * needs student details, which needs an elevated session; removing needs incidents.edit.
 */
import { z } from 'zod';
import { AlertRecipientsSchema } from '../incidents/incident';
import { defineEndpoint } from '../platform/http/endpoint';

const tags = ['Document vault'];
const files = { kind: 'staff', permission: 'files' } as const;
const details = { kind: 'staff', permission: 'students.details' } as const;
const edit = { kind: 'staff', permission: 'incidents.edit' } as const;

const FileNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine(
    (name) =>
      ![...name].some(
        (character) => character === '/' || character === '\\' || character < ' ' || character === '\u007f',
      ),
    'must be a file name, not a path',
  );

export const UploadRequestSchema = z
  .object({
    pupilId: z.string().uuid(),
    fileName: FileNameSchema,
    contentType: z.string().trim().max(100),
    sizeBytes: z.number().int().positive(),
  })
  .strict()
  .meta({ id: 'VaultUploadRequest' });

export const GrantedUploadSchema = z
  .object({
    uploadId: z.string().uuid(),
    documentId: z.string().uuid(),
    upload: z
      .object({
        url: z.string().url(),
        fields: z.record(z.string(), z.string()),
        expiresAt: z.iso.datetime(),
      })
      .meta({
        description:
          'A presigned POST: send the fields, then the file as the last field "file", as multipart/form-data.',
      }),
  })
  .meta({ id: 'VaultUploadGrant' });

const PersonNameSchema = z.object({ name: z.string() });

export const VaultDocumentViewSchema = z
  .object({
    documentId: z.string().uuid(),
    pupilId: z.string().uuid(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.iso.datetime(),
    uploadedBy: PersonNameSchema,
    /** The incident (and action) the file is attached to; absent for files added straight to the vault. */
    incidentId: z.string().uuid().optional(),
    actionId: z.string().uuid().optional(),
    /** Copied here from a linked pupil's incident. */
    shared: z.boolean(),
    /** Only incident editors see removed files, as a marker. */
    removed: z.object({ at: z.iso.datetime(), by: PersonNameSchema, reason: z.string() }).optional(),
  })
  .meta({ id: 'VaultDocumentView' });

const PupilParams = z.object({ pupilId: z.string().uuid() });
const DocumentParams = PupilParams.extend({ documentId: z.string().uuid() });

const LinkSchema = z.object({ url: z.string().url(), expiresAt: z.iso.datetime() }).meta({
  id: 'DownloadLink',
  description: 'A presigned GET; it works once the browser follows it, for a minute.',
});

export const requestVaultUpload = defineEndpoint({
  operationId: 'requestVaultUpload',
  method: 'POST',
  path: '/api/vault/uploads',
  summary:
    'Ask to upload a file for a pupil: checks the type and size and grants a presigned POST into quarantine',
  tags,
  access: files,
  body: UploadRequestSchema,
  successStatus: 201,
  response: GrantedUploadSchema,
});

export const completeVaultUpload = defineEndpoint({
  operationId: 'completeVaultUpload',
  method: 'POST',
  path: '/api/vault/uploads/{uploadId}/complete',
  summary: "Check the uploaded bytes and store them in the pupil's vault (only the uploader; idempotent)",
  tags,
  access: files,
  params: z.object({ uploadId: z.string().uuid() }),
  successStatus: 200,
  response: VaultDocumentViewSchema,
  otherProblemStatuses: [422],
});

export const listVaultDocuments = defineEndpoint({
  operationId: 'listVaultDocuments',
  method: 'GET',
  path: '/api/vault/pupils/{pupilId}/documents',
  summary: "A pupil's documents this viewer may see, newest first",
  tags,
  access: details,
  params: PupilParams,
  successStatus: 200,
  response: z.object({ items: z.array(VaultDocumentViewSchema) }).meta({ id: 'VaultDocumentList' }),
});

export const downloadVaultDocument = defineEndpoint({
  operationId: 'downloadVaultDocument',
  method: 'POST',
  path: '/api/vault/pupils/{pupilId}/documents/{documentId}/download',
  summary: 'A one-minute download link for one document (audited before the link is made)',
  tags,
  access: details,
  params: DocumentParams,
  successStatus: 200,
  response: LinkSchema,
  otherProblemStatuses: [410],
});

export const downloadVaultZip = defineEndpoint({
  operationId: 'downloadVaultZip',
  method: 'POST',
  path: '/api/vault/pupils/{pupilId}/zip',
  summary: 'Several documents as one zip: a one-minute download link (each document audited)',
  tags,
  access: details,
  params: PupilParams,
  body: z
    .object({
      documentIds: z
        .array(z.string().uuid())
        .min(1, 'choose at least one file')
        .max(50, 'choose at most 50 files'),
    })
    .strict(),
  successStatus: 200,
  response: LinkSchema.extend({ fileName: z.string() }).meta({ id: 'ZipDownloadLink' }),
  otherProblemStatuses: [410],
});

export const removeVaultDocument = defineEndpoint({
  operationId: 'removeVaultDocument',
  method: 'POST',
  path: '/api/vault/pupils/{pupilId}/documents/{documentId}/remove',
  summary: 'Remove a document with a reason: it is kept, and shown to incident editors as removed',
  tags,
  access: edit,
  params: DocumentParams,
  body: z.object({ reason: z.string().trim().min(1, 'say why the file is removed').max(500) }).strict(),
  successStatus: 200,
  response: VaultDocumentViewSchema,
  otherProblemStatuses: [409],
});

export const alertVaultDocument = defineEndpoint({
  operationId: 'alertVaultDocument',
  method: 'POST',
  path: '/api/vault/pupils/{pupilId}/documents/{documentId}/alert',
  summary: 'Alert staff to a document: a dashboard alert and an email that names no pupil and no file',
  tags,
  access: details,
  params: DocumentParams,
  body: AlertRecipientsSchema,
  successStatus: 200,
  response: z.object({ alerted: z.number().int() }).meta({ id: 'DocumentAlertResult' }),
});

export const DOCUMENT_ENDPOINTS = [
  requestVaultUpload,
  completeVaultUpload,
  listVaultDocuments,
  downloadVaultDocument,
  downloadVaultZip,
  removeVaultDocument,
  alertVaultDocument,
];
