/** Agencies involved, chosen from the school's list (disabled agencies are not offered). */
import type { Agency } from '../api/agencies';
import { Checkbox } from '../components/checkbox';

interface AgenciesFieldProps {
  id: string;
  legend: string;
  agencies: readonly Agency[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  error?: string | undefined;
}

export function AgenciesField({ id, legend, agencies, selected, onChange, error }: AgenciesFieldProps) {
  const offered = agencies.filter((agency) => !agency.disabled);
  if (offered.length === 0) return null;
  return (
    <fieldset className={error ? 'fieldset field--error' : 'fieldset'} id={id} tabIndex={-1}>
      <legend className="fieldset__legend">{legend}</legend>
      {error && (
        <p className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className="checkbox-list">
        {offered.map((agency) => (
          <Checkbox
            key={agency.agencyId}
            id={`${id}-${agency.agencyId}`}
            label={agency.name}
            checked={selected.includes(agency.agencyId)}
            onChange={(on) =>
              onChange(
                on ? [...selected, agency.agencyId] : selected.filter((chosen) => chosen !== agency.agencyId),
              )
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
