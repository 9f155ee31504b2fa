/**
 * The training mode banner (REC-11): while the school's training mode is on, every signed-in page says
 * so, so nobody records a real concern thinking it will be kept without review. Asked again on each new
 * page (one small read) and when an admin switches it here.
 */
import { useEffect, useState } from 'react';
import type { SessionView } from '../api/session-view';
import { getTrainingMode, TRAINING_CHANGED_EVENT } from '../api/training';
import { adminPaths } from '../admin/admin-routes';
import { Link } from '../routing/link';
import './training.css';

export function TrainingBanner({ view, pathname }: { view: SessionView | undefined; pathname: string }) {
  const [on, setOn] = useState(false);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    const again = () => setAsked((count) => count + 1);
    window.addEventListener(TRAINING_CHANGED_EVENT, again);
    return () => window.removeEventListener(TRAINING_CHANGED_EVENT, again);
  }, []);

  const schoolId = view?.school.schoolId;
  useEffect(() => {
    if (!schoolId) return setOn(false);
    const controller = new AbortController();
    // Every page change asks again and cancels the last question: a cancelled one is no failure.
    void getTrainingMode(controller.signal).then(
      (result) => {
        if (result.ok) setOn(result.value);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [schoolId, pathname, asked]);

  if (!view || !on) return null;
  return (
    <div className="training-banner" role="status" data-testid="training-banner">
      <div className="container">
        Training mode is on: incidents and actions added now are marked as training and will be reviewed and
        may be discarded. <Link href={adminPaths.settings}>More about training mode</Link>
      </div>
    </div>
  );
}

/** A "Training" marker for a record added in training mode. */
export function TrainingMarker({ training }: { training: boolean | undefined }) {
  return training ? <span className="training-marker">Training</span> : null;
}
