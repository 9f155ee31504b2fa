/**
 * The system status page: whether each service Lantern depends on answers, from GET /api/health.
 * Anyone can open it (it holds no personal data), so staff can check before reporting a fault.
 */
import { useEffect, useState } from 'react';
import { isAbortError } from '../api/client';
import { fetchHealth, type DependencyHealth, type HealthReport } from '../api/health';
import type { Problem } from '../api/problem';
import { ProblemAlert } from '../components/problem-alert';
import { useDocumentTitle } from '../routing/use-document-title';

type HealthState =
  | { phase: 'loading'; previous?: HealthReport }
  | { phase: 'loaded'; report: HealthReport }
  | { phase: 'failed'; problem: Problem };

/** What each dependency does for Lantern, in words a school's staff would use. */
const SERVICE_LABELS: Readonly<Record<string, string>> = {
  dynamodb: 'Records database',
  s3: 'File storage',
  kms: 'Encryption keys',
  ses: 'Email',
  stepfunctions: 'Workflows',
  scheduler: 'Scheduled reminders',
};

const checkedAtFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'medium' });

function formatCheckedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : checkedAtFormat.format(date);
}

function formatLatency(latencyMs: number): string {
  return `${Math.max(0, Math.round(latencyMs)).toLocaleString('en-GB')} ms`;
}

const unexpectedFailure: Problem = {
  title: 'The status check failed',
  detail: 'Something went wrong while checking Lantern’s services. Try again in a few minutes.',
};

function OverallStatus({ report }: { report: HealthReport }) {
  const working = report.dependencies.filter((dependency) => dependency.status === 'ok').length;
  const total = report.dependencies.length;
  const ok = report.status === 'ok';
  return (
    <div className={ok ? 'overall overall--ok' : 'overall overall--degraded'} data-testid="overall-status">
      <p className="overall__headline">{ok ? 'All services are working' : 'Some services are not working'}</p>
      <p className="overall__summary">
        {working} of {total} services working. Checked{' '}
        <time dateTime={report.checkedAt}>{formatCheckedAt(report.checkedAt)}</time>.
      </p>
    </div>
  );
}

function DependencyRow({ dependency }: { dependency: DependencyHealth }) {
  const label = SERVICE_LABELS[dependency.name] ?? dependency.name;
  return (
    <tr data-testid={`dependency-${dependency.name}`}>
      <th scope="row" className="service">
        <span className="service__label">{label}</span>
        <span className="service__name">{dependency.name}</span>
        {dependency.detail && <span className="service__detail">{dependency.detail}</span>}
      </th>
      <td>
        <span className={`tag tag--${dependency.status}`}>{dependency.status}</span>
      </td>
      <td className="numeric">{formatLatency(dependency.latencyMs)}</td>
    </tr>
  );
}

function DependencyTable({ report, busy }: { report: HealthReport; busy: boolean }) {
  return (
    <table className="table" aria-busy={busy}>
      <caption className="visually-hidden">Services Lantern depends on</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Status</th>
          <th scope="col" className="numeric">
            Response time
          </th>
        </tr>
      </thead>
      <tbody>
        {report.dependencies.map((dependency) => (
          <DependencyRow key={dependency.name} dependency={dependency} />
        ))}
      </tbody>
    </table>
  );
}

export function HealthPage() {
  useDocumentTitle('System status');
  const [state, setState] = useState<HealthState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    async function load() {
      try {
        const result = await fetchHealth(controller.signal);
        setState(
          result.ok
            ? { phase: 'loaded', report: result.report }
            : { phase: 'failed', problem: result.problem },
        );
      } catch (error) {
        if (!isAbortError(error)) setState({ phase: 'failed', problem: unexpectedFailure });
      }
    }
    void load();
    return () => controller.abort();
  }, [attempt]);

  const loading = state.phase === 'loading';
  const report =
    state.phase === 'loaded' ? state.report : state.phase === 'loading' ? state.previous : undefined;

  function refresh() {
    if (loading) return;
    setState({ phase: 'loading', previous: report });
    setAttempt((count) => count + 1);
  }

  return (
    <div className="panel">
      <div className="page-heading">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            System status
          </h1>
          <p className="lede">Whether the services Lantern depends on are answering.</p>
        </div>
        <button
          className="button button--secondary"
          type="button"
          onClick={refresh}
          aria-disabled={loading ? true : undefined}
        >
          {loading ? 'Checking…' : 'Refresh'}
        </button>
      </div>

      <div aria-live="polite" aria-atomic="true">
        {loading && !report && <p className="loading">Checking Lantern’s services…</p>}
        {report && <OverallStatus report={report} />}
      </div>
      {state.phase === 'failed' && <ProblemAlert problem={state.problem} />}
      {report && <DependencyTable report={report} busy={loading} />}
    </div>
  );
}
