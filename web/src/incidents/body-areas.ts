/**
 * Named areas of the body, for placing a marker without pointing (keyboard and screen-reader users):
 * each area's centre on the outline. Left and right are the pupil's, so on the front view the pupil's
 * left is on the viewer's right.
 */
import type { BodyView } from '../api/incidents';

interface BodyArea {
  id: string;
  label: string;
  /** Across the outline from the viewer's left, on the front view. */
  x: number;
  y: number;
}

export const BODY_AREAS: readonly BodyArea[] = [
  { id: 'head', label: 'Head', x: 0.5, y: 0.08 },
  { id: 'neck', label: 'Neck', x: 0.5, y: 0.15 },
  { id: 'chest', label: 'Chest or upper back', x: 0.5, y: 0.26 },
  { id: 'abdomen', label: 'Abdomen or lower back', x: 0.5, y: 0.4 },
  { id: 'right-arm', label: 'Right arm', x: 0.2, y: 0.3 },
  { id: 'left-arm', label: 'Left arm', x: 0.8, y: 0.3 },
  { id: 'right-hand', label: 'Right hand', x: 0.2, y: 0.49 },
  { id: 'left-hand', label: 'Left hand', x: 0.8, y: 0.49 },
  { id: 'right-leg', label: 'Right leg', x: 0.405, y: 0.68 },
  { id: 'left-leg', label: 'Left leg', x: 0.595, y: 0.68 },
  { id: 'right-foot', label: 'Right foot', x: 0.405, y: 0.9 },
  { id: 'left-foot', label: 'Left foot', x: 0.595, y: 0.9 },
];

/** Where an area's centre is on the given view (the back view mirrors left and right). */
export function areaPoint(areaId: string, view: BodyView): { x: number; y: number } | undefined {
  const area = BODY_AREAS.find((candidate) => candidate.id === areaId);
  if (!area) return undefined;
  return { x: view === 'front' ? area.x : 1 - area.x, y: area.y };
}

/** The area a point is nearest, to describe a tapped marker in words. */
export function nearestArea(x: number, y: number, view: BodyView): string {
  let best = BODY_AREAS[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const area of BODY_AREAS) {
    const point = areaPoint(area.id, view)!;
    const distance = (point.x - x) ** 2 + ((point.y - y) * 2.2) ** 2;
    if (distance < bestDistance) {
      best = area;
      bestDistance = distance;
    }
  }
  return best.label;
}
