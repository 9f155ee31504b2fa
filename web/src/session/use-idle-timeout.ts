/**
 * Calls `onIdle` once the person has done nothing (no key pressed, no pointer pressed, no scrolling)
 * for `timeoutSeconds` (IAM-8: staff leave classroom computers unattended). One timer, re-armed from
 * the time of the last activity rather than on every event, so scrolling costs nothing. Timers in a
 * hidden tab or a sleeping laptop fire late, so the deadline is also checked when the tab shows again.
 */
import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'scroll'] as const;

export function useIdleTimeout(timeoutSeconds: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    const timeoutMs = timeoutSeconds * 1000;
    let lastActivity = Date.now();
    let timer: number | undefined;
    let idle = false;

    function check() {
      if (idle) return;
      const idleFor = Date.now() - lastActivity;
      if (idleFor >= timeoutMs) {
        idle = true;
        onIdleRef.current();
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(check, timeoutMs - idleFor);
    }

    function recordActivity() {
      lastActivity = Date.now();
    }

    function checkWhenShown() {
      if (document.visibilityState === 'visible') check();
    }

    // Capturing on window also sees scrolling inside elements, which does not bubble.
    const listenerOptions = { capture: true, passive: true } as const;
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, recordActivity, listenerOptions);
    document.addEventListener('visibilitychange', checkWhenShown);
    timer = window.setTimeout(check, timeoutMs);
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, recordActivity, listenerOptions);
      document.removeEventListener('visibilitychange', checkWhenShown);
    };
  }, [timeoutSeconds]);
}
