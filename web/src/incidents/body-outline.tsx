/**
 * A plain body outline (front or back) drawn inline as SVG, with numbered markers. The outline is the
 * same shape both ways; the caption says which view it is. Sizes are in viewBox units (100 × 220).
 */
import type { MouseEvent, ReactNode } from 'react';
import type { BodyMapMarker, BodyView } from '../api/incidents';

export const OUTLINE_WIDTH = 100;
export const OUTLINE_HEIGHT = 220;

const OUTLINE_PARTS = [
  'M50 4 a13 13 0 1 1 -0.1 0 z',
  'M44 30 h12 v7 h-12 z',
  'M30 38 h40 q4 0 4 4 v60 q0 4 -4 4 h-40 q-4 0 -4 -4 v-60 q0 -4 4 -4 z',
  'M16 40 h9 v72 h-9 z',
  'M75 40 h9 v72 h-9 z',
  'M33 108 h15 v94 h-15 z',
  'M52 108 h15 v94 h-15 z',
];

interface BodyOutlineProps {
  view: BodyView;
  /** Every marker of the incident, numbered in order; only this view's are drawn. */
  markers: readonly BodyMapMarker[];
  /** Places a marker where the outline was tapped or clicked (the form); absent, it only shows. */
  onPlace?: (x: number, y: number) => void;
  caption: ReactNode;
}

export function BodyOutline({ view, markers, onPlace, caption }: BodyOutlineProps) {
  function place(event: MouseEvent<SVGSVGElement>) {
    if (!onPlace) return;
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    const y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    onPlace(Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000);
  }

  return (
    <figure className="body-outline">
      <svg
        className={onPlace ? 'body-outline__svg body-outline__svg--placeable' : 'body-outline__svg'}
        viewBox={`0 0 ${OUTLINE_WIDTH} ${OUTLINE_HEIGHT}`}
        role="img"
        aria-label={`Body map, ${view}: ${markers.filter((marker) => marker.view === view).length} markers`}
        onClick={place}
      >
        {OUTLINE_PARTS.map((part) => (
          <path key={part} className="body-outline__part" d={part} />
        ))}
        {markers.map((marker, index) =>
          marker.view === view ? (
            <g key={`${index}-${marker.x}-${marker.y}`} className="body-outline__marker">
              <circle cx={marker.x * OUTLINE_WIDTH} cy={marker.y * OUTLINE_HEIGHT} r="6" />
              <text x={marker.x * OUTLINE_WIDTH} y={marker.y * OUTLINE_HEIGHT + 3} textAnchor="middle">
                {index + 1}
              </text>
            </g>
          ) : null,
        )}
      </svg>
      <figcaption className="body-outline__caption">{caption}</figcaption>
    </figure>
  );
}
