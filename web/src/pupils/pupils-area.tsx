/** Everything under /pupils: the pupil page for /pupils/<pupilId>[/<tab>]. */
import type { SessionView } from '../api/session-view';
import { NotFoundPage } from '../pages/not-found-page';
import { usePathname } from '../routing/router';
import { resolvePupilScreen } from './pupil-paths';
import { PupilPage } from './pupil-page';

export function PupilsArea({ view }: { view: SessionView }) {
  const screen = resolvePupilScreen(usePathname());
  switch (screen.screen) {
    case 'pupil':
      return <PupilPage key={screen.pupilId} pupilId={screen.pupilId} tabId={screen.tab} view={view} />;
    default:
      return <NotFoundPage signedIn />;
  }
}
