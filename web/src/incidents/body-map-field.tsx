/**
 * The body map on the incident form: tap the front or back outline to place a numbered marker, or
 * choose an area and a view and press "Add marker" (the same, without pointing). Each marker can carry
 * a short note and be removed.
 */
import { useState } from 'react';
import type { BodyMapMarker, BodyView } from '../api/incidents';
import { SelectField } from '../components/select-field';
import { BODY_AREAS, areaPoint, nearestArea } from './body-areas';
import { BodyOutline } from './body-outline';

const MAX_MARKERS = 50;

interface BodyMapFieldProps {
  id: string;
  markers: readonly BodyMapMarker[];
  onChange: (markers: BodyMapMarker[]) => void;
}

export function BodyMapField({ id, markers, onChange }: BodyMapFieldProps) {
  const [area, setArea] = useState(BODY_AREAS[0]!.id);
  const [view, setView] = useState<BodyView>('front');
  const full = markers.length >= MAX_MARKERS;

  function add(marker: BodyMapMarker) {
    if (!full) onChange([...markers, marker]);
  }

  function addFromArea() {
    const point = areaPoint(area, view);
    if (point) add({ view, ...point, note: '' });
  }

  return (
    <fieldset className="fieldset body-map" id={id} tabIndex={-1}>
      <legend className="fieldset__legend">Body map (optional)</legend>
      <p className="field__hint">Tap the outline where a mark or injury is, or choose the area below.</p>
      <div className="body-map__views">
        <BodyOutline
          view="front"
          markers={markers}
          onPlace={(x, y) => add({ view: 'front', x, y, note: '' })}
          caption="Front"
        />
        <BodyOutline
          view="back"
          markers={markers}
          onPlace={(x, y) => add({ view: 'back', x, y, note: '' })}
          caption="Back"
        />
      </div>
      <div className="body-map__keyboard">
        <SelectField
          id={`${id}-area`}
          label="Area"
          options={BODY_AREAS.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
          value={area}
          onChange={setArea}
        />
        <SelectField
          id={`${id}-view`}
          label="View"
          options={[
            { value: 'front', label: 'Front' },
            { value: 'back', label: 'Back' },
          ]}
          value={view}
          onChange={(value) => setView(value === 'back' ? 'back' : 'front')}
        />
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={addFromArea}
          aria-disabled={full ? true : undefined}
        >
          Add marker
        </button>
      </div>
      {markers.length > 0 && (
        <ol className="body-map__markers">
          {markers.map((marker, index) => (
            <li key={`${index}-${marker.x}-${marker.y}`} className="body-map__marker">
              <span className="body-map__marker-place">
                {index + 1}. {marker.view === 'front' ? 'Front' : 'Back'},{' '}
                {nearestArea(marker.x, marker.y, marker.view)}
              </span>
              <label className="visually-hidden" htmlFor={`${id}-note-${index}`}>
                Note for marker {index + 1}
              </label>
              <input
                id={`${id}-note-${index}`}
                className="field__input body-map__note"
                placeholder="Note (optional)"
                maxLength={200}
                value={marker.note}
                onChange={(event) =>
                  onChange(
                    markers.map((other, at) =>
                      at === index ? { ...other, note: event.target.value } : other,
                    ),
                  )
                }
              />
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => onChange(markers.filter((_, at) => at !== index))}
              >
                Remove<span className="visually-hidden"> marker {index + 1}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </fieldset>
  );
}
