/** Document vault API area (/api/vault): uploads through quarantine, listing, downloads, zips, removal, alerts. */
import { auditActorOf } from '../../lib/audit/audit-actor';
import {
  alertVaultDocument,
  completeVaultUpload,
  downloadVaultDocument,
  downloadVaultZip,
  listVaultDocuments,
  removeVaultDocument,
  requestVaultUpload,
} from '../../lib/documents/documents-api';
import { documentsProblems } from '../../lib/documents/documents-problems';
import { documentServices } from '../../lib/documents/documents-services';
import { documentViewOf } from '../../lib/documents/document-view';
import type { DocumentViewer } from '../../lib/documents/document-service';
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type EndpointContract, type ValidatedRequest } from '../../lib/platform/http/endpoint';

const context = createApiContext();
const { documents, alerts } = documentServices(context);

/** The acting member of staff: their access profile and audit identity, from the session only. */
function viewer<C extends EndpointContract>(request: ValidatedRequest<C>): DocumentViewer {
  const principal = staffPrincipal(request.principal);
  return { access: principal.access, actor: auditActorOf(principal, request) };
}

export const handler = createApiHandler(
  documentsProblems([
    implement(requestVaultUpload, async (request) => ({
      body: await documents.requestUpload(viewer(request), request.body),
    })),
    implement(completeVaultUpload, async (request) => ({
      body: documentViewOf(await documents.completeUpload(viewer(request), request.params.uploadId)),
    })),
    implement(listVaultDocuments, async (request) => {
      const listed = await documents.list(viewer(request), request.params.pupilId);
      return { body: { items: listed.map(({ document }) => documentViewOf(document)) } };
    }),
    implement(downloadVaultDocument, async (request) => ({
      body: await documents.download(viewer(request), request.params.pupilId, request.params.documentId),
    })),
    implement(downloadVaultZip, async (request) => ({
      body: await documents.downloadZip(viewer(request), request.params.pupilId, request.body.documentIds),
    })),
    implement(removeVaultDocument, async (request) => ({
      body: documentViewOf(
        await documents.remove(
          viewer(request),
          request.params.pupilId,
          request.params.documentId,
          request.body.reason,
        ),
      ),
    })),
    implement(alertVaultDocument, async (request) => ({
      body: {
        alerted: await alerts.alert(
          viewer(request),
          request.params.pupilId,
          request.params.documentId,
          request.body,
        ),
      },
    })),
  ]),
  context.handlerOptions,
);
