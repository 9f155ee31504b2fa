/** Everything under /pupils: the pupil list, adding or changing a pupil by hand, and one pupil's record with its tabs. */
import type { SessionView } from '../api/session-view';
import { NotFoundPage } from '../pages/not-found-page';
import { usePathname } from '../routing/router';
import { AddPupilPage } from './add-pupil-page';
import { EditPupilPage } from './edit-pupil-page';
import { resolvePupilScreen } from './pupil-paths';
import { PupilPage } from './pupil-page';
import { PupilSearchPage } from './pupil-search-page';

export function PupilsArea({ view }: { view: SessionView }) {
  const screen = resolvePupilScreen(usePathname());
  switch (screen.screen) {
    case 'search':
      return <PupilSearchPage view={view} />;
    case 'add':
      return <AddPupilPage />;
    case 'pupil':
      return <PupilPage key={screen.pupilId} pupilId={screen.pupilId} tabId={screen.tab} view={view} />;
    case 'edit':
      return <EditPupilPage key={screen.pupilId} pupilId={screen.pupilId} />;
    case 'not-found':
      return <NotFoundPage signedIn />;
  }
}
