/**
 * The dashboard (REC-10): quick search and Add incident, the MIS import light (MIS-4), then Alerts,
 * My assigned, My history and Recently viewed. A session without a key gets only Alerts and My
 * history (the API leaves the other two out), as the incumbent's restricted dashboard does.
 */
import { fetchDashboard, type Dashboard } from '../api/dashboard';
import { useLoaded } from '../admin/use-loaded';
import { ProblemAlert } from '../components/problem-alert';
import { AlertsSection } from './alerts-section';
import { IncidentRowsSection, type IncidentRowView } from './incident-rows-section';
import { MisHealthSection } from './mis-health-section';
import { QuickActions } from './quick-actions';
import { RecentlyViewedSection } from './recently-viewed-section';
import './dashboard.css';

function assignedRows(dashboard: Dashboard): IncidentRowView[] {
  return (dashboard.myAssigned ?? []).map((row) => ({
    key: row.incidentId,
    lead: `Incident ${row.number} for`,
    pupilDisplayName: row.pupilDisplayName,
    categories: row.categories,
    at: row.assignedAt,
    link: row.link,
  }));
}

function historyRows(dashboard: Dashboard): IncidentRowView[] {
  return dashboard.myHistory.map((row) => ({
    key: `${row.incidentId}-${row.recordedAt}`,
    lead:
      row.what === 'incident'
        ? `You added incident ${row.number} for`
        : `You added an action to incident ${row.number} for`,
    pupilDisplayName: row.pupilDisplayName,
    categories: row.categories,
    at: row.recordedAt,
    link: row.link,
  }));
}

/** Give it the school as its key: the dashboard belongs to one school, so a school switch reloads it. */
export function DashboardSections() {
  const { state } = useLoaded(fetchDashboard);

  return (
    <>
      <QuickActions />
      <MisHealthSection />
      {state.phase === 'loading' && <p className="hint">Loading your dashboard…</p>}
      {state.phase === 'failed' && <ProblemAlert problem={state.problem} />}
      {state.phase === 'loaded' && (
        <div className="dashboard-grid">
          <AlertsSection alerts={state.value.alerts} />
          {state.value.myAssigned && (
            <IncidentRowsSection
              id="dashboard-assigned"
              title="My assigned"
              empty="No open incidents are assigned to you."
              rows={assignedRows(state.value)}
            />
          )}
          <IncidentRowsSection
            id="dashboard-history"
            title="My history"
            empty="You have added no incidents or actions in the last 7 days."
            rows={historyRows(state.value)}
          />
          {state.value.recentlyViewed && <RecentlyViewedSection viewed={state.value.recentlyViewed} />}
        </div>
      )}
    </>
  );
}
