/**
 * The Document vault tab (REC-9): the pupil's files this person may see, newest first, with the
 * incident each belongs to; tick several and "Download selected" makes one zip. Files can be added
 * straight to the vault, removed with a reason (they stay, marked, for incident editors), and staff
 * alerted to one. Downloads are one-minute links the browser follows at once.
 */
import { useCallback, useState } from 'react';
import '../../documents/documents.css';
import { downloadDocument, downloadZip, listDocuments, type VaultDocument } from '../../api/documents';
import type { Problem } from '../../api/problem';
import { useMyAccess } from '../../admin/my-access-store';
import { useLoaded } from '../../admin/use-loaded';
import { AdminProblem } from '../../components/admin-problem';
import { ProblemAlert } from '../../components/problem-alert';
import { formatFileSize } from '../../documents/accepted-files';
import { FileUploadField } from '../../documents/file-upload-field';
import { AlertDocumentForm } from '../../documents/alert-document-form';
import { RemoveDocumentForm } from '../../documents/remove-document-form';
import { formatUkDateTime } from '../../formatting/uk-date-time';
import { Link } from '../../routing/link';
import type { PupilTabProps } from '../pupil-tabs';

type Open = { kind: 'remove' | 'alert'; document: VaultDocument } | undefined;

function incidentPath(incidentId: string, pupilId: string): string {
  return `/incidents/${encodeURIComponent(incidentId)}?pupilId=${encodeURIComponent(pupilId)}`;
}

export function VaultTab({ pupil, view }: PupilTabProps) {
  const pupilId = pupil.pupilId;
  const load = useCallback((signal: AbortSignal) => listDocuments(pupilId, signal), [pupilId]);
  const { state, reload } = useLoaded(load);
  const access = useMyAccess(view);
  const mayRemove = access.phase === 'loaded' && access.access.permissions.includes('incidents.edit');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<Problem | undefined>();
  const [open, setOpen] = useState<Open>();
  const [adding, setAdding] = useState(false);
  const onUploaded = useCallback(
    (documentIds: string[]) => {
      if (documentIds.length > 0) reload();
    },
    [reload],
  );

  if (state.phase === 'loading') return <p>Loading documents…</p>;
  if (state.phase === 'failed') return <AdminProblem problem={state.problem} onReload={reload} />;
  const documents = state.value;
  const downloadable = documents.filter((document) => !document.removed);
  const chosen = downloadable.filter((document) => selected.has(document.documentId));
  const allChosen = downloadable.length > 0 && chosen.length === downloadable.length;

  function follow(result: Awaited<ReturnType<typeof downloadZip>>) {
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    window.location.assign(result.value.url);
  }

  function toggle(documentId: string, checked: boolean) {
    const next = new Set(selected);
    if (checked) next.add(documentId);
    else next.delete(documentId);
    setSelected(next);
  }

  function finished(changed: boolean) {
    setOpen(undefined);
    if (changed) reload();
  }

  return (
    <>
      <h2 className="section-title">Document vault</h2>
      <p className="field__hint">
        Files added straight to the vault can be seen by every key holder who can see this pupil. To protect a
        file by category, attach it to an incident or action instead.
      </p>
      {problem && <ProblemAlert problem={problem} />}
      <div className="vault-actions">
        <button
          type="button"
          className="button"
          aria-disabled={chosen.length === 0 ? true : undefined}
          onClick={() =>
            chosen.length > 0 && void downloadZip(pupilId, [...chosen.map((d) => d.documentId)]).then(follow)
          }
        >
          Download selected{chosen.length > 0 ? ` (${chosen.length})` : ''}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAdding(!adding)}>
          {adding ? 'Close adding files' : 'Add files'}
        </button>
      </div>
      {adding && (
        <FileUploadField
          id="vault-files"
          pupilId={pupilId}
          label="Add files to the vault"
          hint="PDF, Office and OpenDocument files, emails, images, audio and video; up to 20 MB each."
          onChange={onUploaded}
        />
      )}
      {open?.kind === 'remove' && (
        <RemoveDocumentForm pupilId={pupilId} document={open.document} onDone={finished} />
      )}
      {open?.kind === 'alert' && (
        <AlertDocumentForm pupilId={pupilId} document={open.document} onDone={finished} />
      )}
      {documents.length === 0 ? (
        <p>No documents you can see are stored for this pupil.</p>
      ) : (
        <table className="vault-table">
          <caption className="visually-hidden">Documents</caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select every document"
                  checked={allChosen}
                  onChange={(event) =>
                    setSelected(new Set(event.target.checked ? downloadable.map((d) => d.documentId) : []))
                  }
                />
              </th>
              <th scope="col">Date</th>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">Incident</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((document) => (
              <tr key={document.documentId} className={document.removed ? 'vault-table__removed' : undefined}>
                <td>
                  {!document.removed && (
                    <input
                      type="checkbox"
                      aria-label={`Select ${document.fileName}`}
                      checked={selected.has(document.documentId)}
                      onChange={(event) => toggle(document.documentId, event.target.checked)}
                    />
                  )}
                </td>
                <td>{formatUkDateTime(document.uploadedAt)}</td>
                <td className="vault-table__name">
                  {document.fileName}
                  <br />
                  <span className="field__hint">Added by {document.uploadedBy.name}</span>
                  {document.removed && (
                    <>
                      <br />
                      <strong>
                        Removed by {document.removed.by.name} on {formatUkDateTime(document.removed.at)}:
                      </strong>{' '}
                      {document.removed.reason}
                    </>
                  )}
                </td>
                <td>{formatFileSize(document.sizeBytes)}</td>
                <td>
                  {document.incidentId ? (
                    <Link href={incidentPath(document.incidentId, pupilId)}>View incident</Link>
                  ) : (
                    'Vault'
                  )}
                </td>
                <td>
                  {!document.removed && (
                    <div className="vault-row-actions">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => void downloadDocument(pupilId, document.documentId).then(follow)}
                      >
                        Download<span className="visually-hidden"> {document.fileName}</span>
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setOpen({ kind: 'alert', document })}
                      >
                        Alert users<span className="visually-hidden"> to {document.fileName}</span>
                      </button>
                      {mayRemove && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setOpen({ kind: 'remove', document })}
                        >
                          Remove<span className="visually-hidden"> {document.fileName}</span>
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
