/** The paths under /incidents the app knows, and which screen each shows. */

export type IncidentScreen =
  | { screen: 'add'; pupilId: string | undefined }
  | { screen: 'incident'; incidentId: string; pupilId: string }
  | { screen: 'not-found' };

export const incidentPaths = {
  add: '/incidents/new',
  /** Where an alert mail links: one pupil's copy of the incident. */
  incident: (incidentId: string, pupilId: string) =>
    `/incidents/${encodeURIComponent(incidentId)}?pupilId=${encodeURIComponent(pupilId)}`,
  /** The pupil's chronology with one incident picked out (after adding it). */
  chronology: (pupilId: string, highlight?: string) =>
    `/pupils/${encodeURIComponent(pupilId)}/chronology${highlight ? `?highlight=${encodeURIComponent(highlight)}` : ''}`,
} as const;

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function resolveIncidentScreen(pathname: string, search: string): IncidentScreen {
  const [first, second, ...rest] = pathname.split('/').filter(Boolean);
  const pupilId = new URLSearchParams(search).get('pupilId') ?? undefined;
  const knownPupil = pupilId !== undefined && ID.test(pupilId) ? pupilId : undefined;
  if (first !== 'incidents' || rest.length > 0 || second === undefined) return { screen: 'not-found' };
  if (second === 'new') return { screen: 'add', pupilId: knownPupil };
  if (!ID.test(second) || !knownPupil) return { screen: 'not-found' };
  return { screen: 'incident', incidentId: second, pupilId: knownPupil };
}
