/** The paths under /pupils the app knows, and which screen each shows. */

export type PupilScreen =
  | { screen: 'search' }
  | { screen: 'add' }
  | { screen: 'pupil'; pupilId: string; tab: string | undefined }
  | { screen: 'edit'; pupilId: string }
  | { screen: 'not-found' };

export const pupilPaths = {
  search: '/pupils',
  add: '/pupils/new',
  pupil: (pupilId: string) => `/pupils/${encodeURIComponent(pupilId)}`,
  /** Changing the details of a pupil added by hand ("edit" is never a tab's id). */
  edit: (pupilId: string) => `/pupils/${encodeURIComponent(pupilId)}/edit`,
  tab: (pupilId: string, tab: string) => `/pupils/${encodeURIComponent(pupilId)}/${encodeURIComponent(tab)}`,
  /** The add-incident form, with the pupil chosen (the incidents area's page). */
  addIncident: (pupilId: string) => `/incidents/new?pupilId=${encodeURIComponent(pupilId)}`,
} as const;

/** Ids in paths are UUIDs; anything else is a path the app does not know. */
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAB = /^[a-z][a-z-]{0,39}$/;

export function resolvePupilScreen(pathname: string): PupilScreen {
  const [first, second, third, ...rest] = pathname.split('/').filter(Boolean);
  if (first !== 'pupils' || rest.length > 0) return { screen: 'not-found' };
  if (second === undefined) return { screen: 'search' };
  if (second === 'new') return third === undefined ? { screen: 'add' } : { screen: 'not-found' };
  if (!ID.test(second)) return { screen: 'not-found' };
  if (third === 'edit') return { screen: 'edit', pupilId: second };
  if (third !== undefined && !TAB.test(third)) return { screen: 'not-found' };
  return { screen: 'pupil', pupilId: second, tab: third };
}
