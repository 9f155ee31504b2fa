/**
 * Transfers API area (Admin > Transfers): lists and reads a school's transfers, takes each side's
 * decisions, confirms receipt, and keeps the transfer settings. Reading a transfer names a pupil, so
 * every read is audited.
 */
import { auditActorOf } from '../../lib/audit/audit-actor';
import { AuditLog } from '../../lib/audit/audit-log';
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type StaffPrincipal } from '../../lib/platform/http/endpoint';
import { problems } from '../../lib/platform/http/problem';
import { directionFor, type Transfer } from '../../lib/transfers/transfer';
import { TransferConflictError, TransferNotFoundError } from '../../lib/transfers/transfer-errors';
import { allowedDecisions } from '../../lib/transfers/transfer-view';
import { transferServicesOf } from '../../lib/transfers/transfer-services';
import type { TransferActor } from '../../lib/transfers/transfer-lifecycle';
import {
  authoriseTransfer,
  cancelTransfer,
  confirmTransferReceipt,
  dismissTransfer,
  getTransfer,
  getTransferSettings,
  listTransfers,
  rejectTransfer,
  requestTransfer,
  updateTransferSettings,
  type TransferView,
} from '../../lib/transfers/transfers-api';

const { environment, clients, handlerOptions } = createApiContext();
const { lifecycle } = transferServicesOf(clients, environment);
const audit = new AuditLog(clients.dynamo, environment.TABLE_NAME);

type RequestFacts = { readonly sourceIp: string; readonly userAgent: string; readonly requestId: string };

function actorOf(staff: StaffPrincipal, request: RequestFacts): TransferActor {
  return {
    audit: auditActorOf(staff, request),
    staff: { personId: staff.personId, name: staff.displayName },
  };
}

function viewOf(transfer: Transfer, schoolId: string): TransferView {
  return {
    ...transfer,
    direction: directionFor(transfer, schoolId),
    allowed: allowedDecisions(transfer, schoolId),
  };
}

/** Domain refusals as problem+json; anything else is a fault. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TransferNotFoundError) throw problems.notFound(error.message);
    if (error instanceof TransferConflictError) {
      if (error.status === 400 && error.field) {
        throw problems.validation([{ field: error.field, reason: error.message }]);
      }
      throw problems.conflict(error.message);
    }
    throw error;
  }
}

function decision(
  // Every decision endpoint has the same contract shape (lib/transfers/transfers-api.ts decisionEndpoint).
  contract: typeof requestTransfer,
  kind: 'request' | 'dismiss' | 'cancel' | 'authorise' | 'reject',
) {
  return implement(contract, async (request) => {
    const staff = staffPrincipal(request.principal);
    const transfer = await answering(() =>
      lifecycle.decide(actorOf(staff, request), request.params.transferId, kind, request.body.note),
    );
    return { body: viewOf(transfer, staff.schoolId) };
  });
}

export const handler = createApiHandler(
  [
    implement(listTransfers, async (request) => {
      const staff = staffPrincipal(request.principal);
      const items = await lifecycle.list(staff.schoolId, request.query);
      await audit.record(auditActorOf(staff, request), {
        action: 'transfer.list',
        resourceType: 'transfer',
        resourceId: staff.schoolId,
        detail: `${items.length} listed`,
      });
      return { body: { items } };
    }),
    implement(getTransfer, async (request) => {
      const staff = staffPrincipal(request.principal);
      const transfer = await answering(() => lifecycle.get(staff.schoolId, request.params.transferId));
      const direction = directionFor(transfer, staff.schoolId);
      await audit.record(auditActorOf(staff, request), {
        action: 'transfer.read',
        resourceType: 'transfer',
        resourceId: transfer.transferId,
        pupilId: direction === 'incoming' ? transfer.to.pupilId : transfer.from.pupilId,
      });
      return { body: viewOf(transfer, staff.schoolId) };
    }),
    decision(requestTransfer, 'request'),
    decision(dismissTransfer, 'dismiss'),
    decision(cancelTransfer, 'cancel'),
    decision(authoriseTransfer, 'authorise'),
    decision(rejectTransfer, 'reject'),
    implement(confirmTransferReceipt, async (request) => {
      const staff = staffPrincipal(request.principal);
      const transfer = await answering(() =>
        lifecycle.confirmReceipt(actorOf(staff, request), request.params.transferId),
      );
      return { body: viewOf(transfer, staff.schoolId) };
    }),
    implement(getTransferSettings, async (request) => {
      const staff = staffPrincipal(request.principal);
      return { body: await lifecycle.settings(staff.schoolId) };
    }),
    implement(updateTransferSettings, async (request) => {
      const staff = staffPrincipal(request.principal);
      const settings = await answering(() =>
        lifecycle.saveSettings(actorOf(staff, request), request.body.categoryIds, request.body.version),
      );
      return { body: settings };
    }),
  ],
  handlerOptions,
);
