/**
 * Who to alert: people chosen from the school's staff (filtered by name), and whole alert groups
 * toggled by their buttons. Alerted staff get a dashboard alert and a mail naming only who alerted them
 * and the categories.
 */
import type { AlertChoice } from '../api/incidents';
import type { StaffDirectory } from '../api/staff';
import { FilterableCheckboxList } from '../components/filterable-checkbox-list';

interface AlertRecipientsFieldProps {
  id: string;
  staff: StaffDirectory;
  value: AlertChoice;
  onChange: (value: AlertChoice) => void;
  error?: string | undefined;
  /** The school requires at least one alert. */
  required?: boolean;
}

export function AlertRecipientsField({
  id,
  staff,
  value,
  onChange,
  error,
  required,
}: AlertRecipientsFieldProps) {
  function toggleGroup(alertGroupId: string) {
    const on = value.alertGroupIds.includes(alertGroupId);
    onChange({
      ...value,
      alertGroupIds: on
        ? value.alertGroupIds.filter((chosen) => chosen !== alertGroupId)
        : [...value.alertGroupIds, alertGroupId],
    });
  }

  return (
    <fieldset
      className={error ? 'fieldset field--error alert-recipients' : 'fieldset alert-recipients'}
      id={id}
      tabIndex={-1}
    >
      <legend className="fieldset__legend">Alert staff{required ? '' : ' (optional)'}</legend>
      <p className="field__hint">
        {required
          ? 'This school asks you to alert at least one person or alert group.'
          : 'Alerted staff see it on their dashboard and get an email that does not say what happened.'}
      </p>
      {error && (
        <p className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {staff.alertGroups.length > 0 && (
        <div className="alert-recipients__groups" role="group" aria-label="Alert groups">
          {staff.alertGroups.map((group) => {
            const on = value.alertGroupIds.includes(group.alertGroupId);
            return (
              <button
                key={group.alertGroupId}
                type="button"
                className={
                  on
                    ? 'button button--small alert-group-button'
                    : 'button button--secondary button--small alert-group-button'
                }
                aria-pressed={on}
                onClick={() => toggleGroup(group.alertGroupId)}
              >
                {group.name}
              </button>
            );
          })}
        </div>
      )}
      <FilterableCheckboxList
        legend="People"
        options={staff.members.map((member) => ({ value: member.personId, label: member.displayName }))}
        selected={new Set(value.personIds)}
        onChange={(selected) => onChange({ ...value, personIds: [...selected] })}
        filterLabel="Filter staff by name"
        emptyText="There are no staff to alert."
      />
    </fieldset>
  );
}
