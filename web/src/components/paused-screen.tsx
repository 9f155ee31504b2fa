/**
 * What the idle timeout (IAM-8) leaves on screen: nothing but this panel. The app renders it instead
 * of every page, so no pupil's details stay visible, or in the page, on an unattended computer.
 */
import { useEffect, useRef } from 'react';
import logoUrl from '../assets/lantern.svg';
import { formatDuration } from '../formatting/duration';
import { useDocumentTitle } from '../routing/use-document-title';
import { leavePausedScreen } from '../session/session-store';

export function PausedScreen({ idleTimeoutSeconds }: { idleTimeoutSeconds: number }) {
  useDocumentTitle('Session paused');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  return (
    <main className="paused-screen" id="main-content">
      <div className="paused-screen__panel">
        <img className="paused-screen__logo" src={logoUrl} alt="" width="48" height="48" />
        <h1 className="paused-screen__title" ref={headingRef} tabIndex={-1}>
          Your session is paused — sign in again to continue
        </h1>
        <p className="paused-screen__text">
          There was no activity on this screen for {formatDuration(idleTimeoutSeconds)}, so Lantern has hidden
          everything and signed you out to keep pupils’ records safe.
        </p>
        <button className="button" type="button" onClick={leavePausedScreen}>
          Sign in again
        </button>
      </div>
    </main>
  );
}
