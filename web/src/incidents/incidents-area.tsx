/** Everything under /incidents: the add-incident form (/incidents/new) and one incident (/incidents/<id>). */
import type { SessionView } from '../api/session-view';
import { NotFoundPage } from '../pages/not-found-page';
import { usePathname } from '../routing/router';
import { AddIncidentPage } from './add-incident-page';
import { IncidentPage } from './incident-page';
import { resolveIncidentScreen } from './incident-paths';

export function IncidentsArea({ view }: { view: SessionView }) {
  const pathname = usePathname();
  const search = window.location.search;
  const screen = resolveIncidentScreen(pathname, search);
  switch (screen.screen) {
    case 'add':
      return <AddIncidentPage key={search} view={view} pupilId={screen.pupilId} />;
    case 'incident':
      return (
        <IncidentPage
          key={`${screen.incidentId} ${screen.pupilId}`}
          incidentId={screen.incidentId}
          pupilId={screen.pupilId}
          session={view}
        />
      );
    case 'not-found':
      return <NotFoundPage signedIn />;
  }
}
