/**
 * One pupil's record: who they are (name, year, tutor group, archived) above a row of tabs, and the
 * chosen tab under it. Reading the record is audited by the API; a pupil this person may not see is
 * answered exactly like one that does not exist.
 */
import { useCallback } from 'react';
import './pupils.css';
import { getPupil, type PupilView } from '../api/pupils';
import type { SessionView } from '../api/session-view';
import { useLoaded } from '../admin/use-loaded';
import { AdminProblem } from '../components/admin-problem';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';
import { NotFoundPage } from '../pages/not-found-page';
import { pupilPaths } from './pupil-paths';
import { PupilName, usePupilNameText } from './pupil-name';
import { PUPIL_TABS, type PupilTab } from './pupil-tabs';

function groupsOf(pupil: PupilView): string {
  const { yearGroup, tutorGroup } = pupil.details;
  return [yearGroup && `Year ${yearGroup}`, tutorGroup && `Tutor group ${tutorGroup}`]
    .filter(Boolean)
    .join(', ');
}

function PupilTabs({ pupilId, current }: { pupilId: string; current: PupilTab }) {
  return (
    <nav className="admin-tabs pupil-tabs" aria-label="Pupil record">
      <ul className="admin-tabs__list">
        {PUPIL_TABS.map((tab, index) => (
          <li key={tab.id} className="admin-tabs__item">
            <Link
              href={index === 0 ? pupilPaths.pupil(pupilId) : pupilPaths.tab(pupilId, tab.id)}
              className="admin-tabs__link"
              aria-current={tab.id === current.id ? 'page' : undefined}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LoadedPupil({
  pupil,
  tab,
  view,
  onChanged,
}: {
  pupil: PupilView;
  tab: PupilTab;
  view: SessionView;
  onChanged: () => void;
}) {
  const title = usePupilNameText(pupil.displayName);
  useDocumentTitle(`${tab.label} – ${title}`);
  const TabContent = tab.component;
  const groups = groupsOf(pupil);
  return (
    <div className="page-stack">
      <div className="panel pupil-header">
        <h1 className="page-title" tabIndex={-1}>
          <PupilName name={pupil.displayName} />
        </h1>
        <p className="pupil-header__facts">
          {groups}
          {pupil.archived && <span className="tag tag--muted pupil-header__tag">Archived</span>}
        </p>
        {!pupil.archived && (
          <p className="pupil-header__actions">
            <Link className="button button--secondary" href={pupilPaths.addIncident(pupil.pupilId)}>
              Add incident
            </Link>
          </p>
        )}
      </div>
      <PupilTabs pupilId={pupil.pupilId} current={tab} />
      <div className="panel">
        <TabContent pupil={pupil} view={view} onChanged={onChanged} />
      </div>
    </div>
  );
}

export function PupilPage({
  pupilId,
  tabId,
  view,
}: {
  pupilId: string;
  tabId: string | undefined;
  view: SessionView;
}) {
  const load = useCallback((signal: AbortSignal) => getPupil(pupilId, signal), [pupilId]);
  const { state, reload } = useLoaded(load);
  const tab = tabId === undefined ? PUPIL_TABS[0] : PUPIL_TABS.find((candidate) => candidate.id === tabId);
  if (!tab) return <NotFoundPage signedIn />;
  if (state.phase === 'loading') {
    return (
      <div className="panel">
        <p className="loading">Loading the pupil’s record…</p>
      </div>
    );
  }
  if (state.phase === 'failed') {
    if (state.problem.status === 404) return <NotFoundPage signedIn />;
    return (
      <div className="panel">
        <h1 className="page-title" tabIndex={-1}>
          Pupil record
        </h1>
        <AdminProblem problem={state.problem} />
      </div>
    );
  }
  return <LoadedPupil pupil={state.value} tab={tab} view={view} onChanged={reload} />;
}
