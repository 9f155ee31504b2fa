/**
 * "Print to PDF" on the incident page (REC-6): asks the API for the incident as a PDF and follows the
 * one-minute link, so the browser saves or shows it. Offered only to people who may keep a copy: not
 * to staff reading the incident through an alert alone (the API refuses them too).
 */
import { useState } from 'react';
import { printIncident } from '../api/incident-print';
import type { IncidentView } from '../api/incidents';
import type { Problem } from '../api/problem';
import { AdminProblem } from '../components/admin-problem';

export function PrintIncidentButton({ view }: { view: IncidentView }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  if (view.readableOnlyUntilMarkedRead) return null;

  async function print() {
    if (busy) return;
    setBusy(true);
    const result = await printIncident(view.incident.incidentId, view.pupil.pupilId);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    window.location.assign(result.value.url);
  }

  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void print()}
        aria-disabled={busy ? true : undefined}
      >
        {busy ? 'Making the PDF…' : 'Print to PDF'}
      </button>
      {problem && <AdminProblem problem={problem} />}
    </>
  );
}
