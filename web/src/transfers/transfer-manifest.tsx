/**
 * Proof of receipt (BYD-2) as both schools see it: the settings in force when the previous school
 * authorised (TRF-3), the manifest the copy produced (counts, total size, each file's SHA-256 and the
 * set's), and who confirmed receipt at the new school, and when.
 */
import { SummaryRow, UkDateTime } from '../components/summary-row';
import { formatFileSize } from '../documents/accepted-files';
import type { TransferManifest, TransferView } from './transfers-api';

export function SettingsInForce({ view }: { view: TransferView }) {
  const categories = view.settingsAtAuthorisation?.categories;
  if (!categories) return null;
  return (
    <section className="admin-section" aria-labelledby="transfer-settings-in-force-heading">
      <h2 className="section-title" id="transfer-settings-in-force-heading">
        Categories that transferred
      </h2>
      <p className="hint">
        {view.from.schoolName}&apos;s transfer settings when it authorised: only incidents with at least one
        of these categories were sent.
      </p>
      {categories.length === 0 ? (
        <p>No categories were ticked, so no incidents were sent.</p>
      ) : (
        <ul className="transfer-categories">
          {categories.map((category) => (
            <li key={category.categoryId}>{category.name}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ManifestFiles({ manifest }: { manifest: TransferManifest }) {
  if (manifest.files.length === 0) return <p>No files were sent.</p>;
  return (
    <div className="transfer-frame">
      <table className="table transfer-files">
        <caption className="visually-hidden">Files sent, with their SHA-256</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="numeric">
              Size
            </th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {manifest.files.map((file) => (
            <tr key={file.documentId}>
              <th scope="row">{file.fileName}</th>
              <td className="numeric">{formatFileSize(file.sizeBytes)}</td>
              <td>
                <code className="transfer-hash">{file.sha256}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TransferManifestSection({ view }: { view: TransferView }) {
  const { manifest, receipt } = view;
  if (!manifest) return null;
  const receivedAt = receipt?.schoolId === view.from.schoolId ? view.from.schoolName : view.to.schoolName;
  return (
    <section className="admin-section" aria-labelledby="transfer-manifest-heading">
      <h2 className="section-title" id="transfer-manifest-heading">
        Manifest and receipt
      </h2>
      <p className="hint">
        What arrived at {view.to.schoolName}, checked against what {view.from.schoolName} holds. Each
        file&apos;s SHA-256 is of the bytes stored at the new school; the set&apos;s SHA-256 covers every
        file.
      </p>
      <dl className="summary-list" data-testid="transfer-manifest">
        <SummaryRow label="Produced">
          <UkDateTime at={manifest.producedAt} />
        </SummaryRow>
        <SummaryRow label="Incidents">{manifest.counts.incidents.toLocaleString('en-GB')}</SummaryRow>
        <SummaryRow label="Actions">{manifest.counts.actions.toLocaleString('en-GB')}</SummaryRow>
        <SummaryRow label="Files">{manifest.counts.files.toLocaleString('en-GB')}</SummaryRow>
        <SummaryRow label="Total size">{formatFileSize(manifest.totalBytes)}</SummaryRow>
        <SummaryRow label="Set SHA-256">
          <code className="transfer-hash">{manifest.setSha256}</code>
        </SummaryRow>
        <SummaryRow label="Receipt">
          {receipt ? (
            <span data-testid="transfer-receipt">
              Confirmed by {receipt.confirmedBy.name}, {receivedAt}, <UkDateTime at={receipt.confirmedAt} />
            </span>
          ) : (
            `Not confirmed yet: ${view.to.schoolName}'s DSL confirms receipt once the records have arrived.`
          )}
        </SummaryRow>
      </dl>
      <ManifestFiles manifest={manifest} />
    </section>
  );
}
