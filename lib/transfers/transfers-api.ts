/**
 * Admin > Transfers (TRF-2, TRF-3, BYD-1, BYD-2): a school's incoming and outgoing transfers, the
 * decisions each side takes, the transfer settings, and receipt. Only elevated key holders whose group
 * grants `admin.transfers` reach these; another school's transfer is a 404.
 */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import { TransferListingSchema } from './transfer-repository';
import {
  TransferDirectionSchema,
  TransferSchema,
  TransferSettingsSchema,
  TransferStatusSchema,
} from './transfer';

const transfersAdmin = { kind: 'staff', permission: 'admin.transfers' } as const;
const TransferParams = z.object({ transferId: z.string().uuid() });

export const TransferListQuerySchema = z.object({
  direction: TransferDirectionSchema.optional(),
  status: TransferStatusSchema.optional(),
  /** Only those waiting on this school. */
  actionable: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Part of the pupil's name or the other school's name, or the whole matching UPN/ULN. */
  q: z.string().trim().max(100).optional(),
});

/** A transfer as one of its schools sees it. */
export const TransferViewSchema = TransferSchema.extend({
  direction: TransferDirectionSchema,
  /** What this school may do now (the web shows these as buttons). */
  allowed: z.array(z.enum(['request', 'dismiss', 'cancel', 'authorise', 'reject', 'confirm-receipt'])),
}).meta({ id: 'TransferView' });
export type TransferView = z.output<typeof TransferViewSchema>;

export const listTransfers = defineEndpoint({
  operationId: 'listTransfers',
  method: 'GET',
  path: '/api/admin/transfers',
  summary: "This school's transfers, newest first: incoming, outgoing, actionable, by status, or by search",
  tags: ['Transfers'],
  access: transfersAdmin,
  query: TransferListQuerySchema,
  successStatus: 200,
  response: z.object({ items: z.array(TransferListingSchema) }).meta({ id: 'TransferList' }),
});

export const getTransfer = defineEndpoint({
  operationId: 'getTransfer',
  method: 'GET',
  path: '/api/admin/transfers/{transferId}',
  summary:
    'One transfer: both sides, its history, the KCSIE clock, the settings in force, the manifest and receipt',
  tags: ['Transfers'],
  access: transfersAdmin,
  params: TransferParams,
  successStatus: 200,
  response: TransferViewSchema,
});

const DecisionBodySchema = z
  .object({
    /** Optional words for the other school (e.g. why a request was rejected). No pupil details. */
    note: z.string().trim().max(500).optional(),
  })
  .strict();

function decisionEndpoint(
  decision: 'request' | 'dismiss' | 'cancel' | 'authorise' | 'reject',
  summary: string,
) {
  return defineEndpoint({
    operationId: `${decision}Transfer`,
    method: 'POST',
    path: `/api/admin/transfers/{transferId}/${decision}`,
    summary,
    tags: ['Transfers'],
    access: transfersAdmin,
    params: TransferParams,
    body: DecisionBodySchema,
    successStatus: 200,
    response: TransferViewSchema,
  });
}

export const requestTransfer = decisionEndpoint(
  'request',
  'The new school asks for the records (starts the KCSIE clock)',
);
export const dismissTransfer = decisionEndpoint('dismiss', 'The new school does not want the records');
export const cancelTransfer = decisionEndpoint('cancel', 'The new school withdraws its request');
export const authoriseTransfer = decisionEndpoint(
  'authorise',
  'The previous school sends the records under its transfer settings; cannot be undone or re-sent',
);
export const rejectTransfer = decisionEndpoint('reject', 'The previous school refuses the request');

export const confirmTransferReceipt = defineEndpoint({
  operationId: 'confirmTransferReceipt',
  method: 'POST',
  path: '/api/admin/transfers/{transferId}/receipt',
  summary: 'The receiving DSL confirms the manifest arrived (BYD-2); kept at both schools',
  tags: ['Transfers'],
  access: transfersAdmin,
  params: TransferParams,
  body: z.object({}).strict(),
  successStatus: 200,
  response: TransferViewSchema,
});

export const getTransferSettings = defineEndpoint({
  operationId: 'getTransferSettings',
  method: 'GET',
  path: '/api/admin/transfers/settings',
  summary: 'Which categories transfer (none by default)',
  tags: ['Transfers'],
  access: transfersAdmin,
  successStatus: 200,
  response: TransferSettingsSchema,
});

export const updateTransferSettings = defineEndpoint({
  operationId: 'updateTransferSettings',
  method: 'PUT',
  path: '/api/admin/transfers/settings',
  summary: 'Choose which categories transfer; the settings in force at authorisation apply',
  tags: ['Transfers'],
  access: transfersAdmin,
  body: z
    .object({
      categoryIds: z.array(z.string().min(1).max(64)).max(500),
      /** The version read (0 when none were saved yet). */
      version: z.number().int().min(0),
    })
    .strict(),
  successStatus: 200,
  response: TransferSettingsSchema,
});

export const TRANSFER_ENDPOINTS = [
  listTransfers,
  getTransferSettings,
  updateTransferSettings,
  getTransfer,
  requestTransfer,
  dismissTransfer,
  cancelTransfer,
  authoriseTransfer,
  rejectTransfer,
  confirmTransferReceipt,
] as const;
