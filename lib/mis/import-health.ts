/**
 * The import health light (MIS-4), by the age of the last successful import: a nightly import that
 * ran is under a day old, so green allows a couple of hours' slack; amber covers a missed night or a
 * long weekend's gap; beyond that the school is working from stale rolls, classes and contacts.
 */
import type { MisState } from './import-record';

export const GREEN_WITHIN_HOURS = 26;
export const AMBER_WITHIN_HOURS = 72;

export type HealthLight = 'green' | 'amber' | 'red';

export function healthLight(state: Pick<MisState, 'lastSuccessAt'>, now: Date): HealthLight {
  if (!state.lastSuccessAt) return 'red';
  const hours = (now.getTime() - Date.parse(state.lastSuccessAt)) / 3_600_000;
  if (hours <= GREEN_WITHIN_HOURS) return 'green';
  if (hours <= AMBER_WITHIN_HOURS) return 'amber';
  return 'red';
}
