/**
 * Admin > Settings: the idle timeout, the email domains users must have, class restrictions,
 * whether every new incident must alert someone, and whether users who vanish from the MIS are
 * deactivated.
 * Saving sends the version read (0 before the first save), so a change made meanwhile is reported.
 */
import { useState, type FormEvent } from 'react';
import {
  fetchSchoolSettings,
  IDLE_TIMEOUT_MINUTES,
  saveSchoolSettings,
  type SchoolSettings,
} from '../../api/admin-settings';
import { adminPaths } from '../../admin/admin-routes';
import { noticeFor } from '../../admin/admin-notice';
import { refreshMyAccess } from '../../admin/my-access-store';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../../admin/form-state';
import { useLoaded } from '../../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { Checkbox } from '../../components/checkbox';
import { FormProblems } from '../../components/form-problems';
import { TextareaField } from '../../components/textarea-field';
import { TextField } from '../../components/text-field';
import { TrainingModeSection } from '../../training/training-mode-section';

type Field =
  | 'idleTimeoutMinutes'
  | 'allowedEmailDomains'
  | 'classRestrictionsEnabled'
  | 'requireAlert'
  | 'disableUsersMissingFromMis';

const FIELDS: FormFields<Field> = {
  idleTimeoutMinutes: { id: 'settings-idle-timeout', label: 'Idle timeout' },
  allowedEmailDomains: { id: 'settings-email-domains', label: 'Allowed email domains' },
  classRestrictionsEnabled: { id: 'settings-class-restrictions', label: 'Class restrictions' },
  requireAlert: { id: 'settings-require-alert', label: 'Enforce at least one alert' },
  disableUsersMissingFromMis: {
    id: 'settings-disable-missing-from-mis',
    label: 'Deactivate users who leave the MIS',
  },
};

const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function domainsFrom(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
}

function validate(minutesText: string, domains: readonly string[]): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  const minutes = Number(minutesText.trim());
  if (minutesText.trim() === '') errors.idleTimeoutMinutes = 'Enter the idle timeout in minutes';
  else if (
    !Number.isInteger(minutes) ||
    minutes < IDLE_TIMEOUT_MINUTES.min ||
    minutes > IDLE_TIMEOUT_MINUTES.max
  ) {
    errors.idleTimeoutMinutes = `The idle timeout must be a whole number of minutes from ${IDLE_TIMEOUT_MINUTES.min} to ${IDLE_TIMEOUT_MINUTES.max}`;
  }
  const badDomain = domains.find((domain) => !DOMAIN.test(domain));
  if (badDomain) {
    errors.allowedEmailDomains = `${badDomain} is not a domain: enter domains like oakfield.sch.uk, one on each line`;
  }
  return errors;
}

interface SettingsFormProps {
  settings: SchoolSettings;
  onSaved: (outcome: ActionOutcome) => void;
  onReload: () => void;
}

function SettingsForm({ settings, onSaved, onReload }: SettingsFormProps) {
  const [minutes, setMinutes] = useState(String(settings.idleTimeoutMinutes));
  const [domainsText, setDomainsText] = useState(settings.allowedEmailDomains.join('\n'));
  const [restricted, setRestricted] = useState(settings.classRestrictionsEnabled);
  const [requireAlert, setRequireAlert] = useState(settings.requireAlert);
  const [disableMissing, setDisableMissing] = useState(settings.disableUsersMissingFromMis);
  const form = useFormState<Field>();

  async function submit() {
    const domains = domainsFrom(domainsText);
    const errors = validate(minutes, domains);
    if (Object.keys(errors).length > 0) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await saveSchoolSettings(
      {
        idleTimeoutMinutes: Number(minutes.trim()),
        allowedEmailDomains: domains,
        classRestrictionsEnabled: restricted,
        requireAlert,
        disableUsersMissingFromMis: disableMissing,
      },
      settings.version,
    );
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    // Class restrictions change what this session may see.
    refreshMyAccess();
    onSaved({
      kind: 'done',
      text: `Settings saved. Class restrictions are ${result.value.classRestrictionsEnabled ? 'on' : 'off'}.`,
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} onReload={onReload} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.idleTimeoutMinutes.id}
          label="Idle timeout (minutes)"
          hint={`After this long without activity the screen is hidden and staff sign in again. From ${IDLE_TIMEOUT_MINUTES.min} to ${IDLE_TIMEOUT_MINUTES.max} minutes; it applies to sessions started after you save.`}
          inputMode="numeric"
          narrow
          value={minutes}
          onChange={setMinutes}
          error={form.errors.idleTimeoutMinutes}
        />
        <TextareaField
          id={FIELDS.allowedEmailDomains.id}
          label="Allowed email domains"
          hint="One on each line, such as oakfield.sch.uk. New users and changed emails must use one of them. Leave empty to allow any."
          rows={4}
          value={domainsText}
          onChange={setDomainsText}
          error={form.errors.allowedEmailDomains}
        />
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Class restrictions</legend>
          <Checkbox
            id={FIELDS.classRestrictionsEnabled.id}
            label="Turn on class restrictions"
            hint="Key holders then see only pupils in the tutor and year groups they are given under Classes."
            checked={restricted}
            onChange={setRestricted}
            error={form.errors.classRestrictionsEnabled}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Alerts</legend>
          <Checkbox
            id={FIELDS.requireAlert.id}
            label="Enforce at least one alert"
            hint="Staff must then alert at least one person or alert group when they add an incident."
            checked={requireAlert}
            onChange={setRequireAlert}
            error={form.errors.requireAlert}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Staff from the MIS</legend>
          <Checkbox
            id={FIELDS.disableUsersMissingFromMis.id}
            label="Deactivate users who leave the MIS"
            hint="When the nightly MIS import no longer lists a member of staff, the user added from them is deactivated and signed out at once. Users added by hand (not from the MIS) are never changed. You can reactivate anyone under Users."
            checked={disableMissing}
            onChange={setDisableMissing}
            error={form.errors.disableUsersMissingFromMis}
          />
        </fieldset>
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : 'Save settings'}
        </button>
      </form>
    </>
  );
}

export function SettingsPage() {
  const { state, reload, answers } = useLoaded(fetchSchoolSettings);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  function handleSaved(next: ActionOutcome) {
    setOutcome(next);
    reload();
  }

  return (
    <AdminPage title="Settings" notice={noticeFor(adminPaths.settings)}>
      <ActionNotice outcome={outcome} />
      {state.phase === 'loading' && <p className="loading">Loading settings…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && (
        <SettingsForm key={answers} settings={state.value} onSaved={handleSaved} onReload={reload} />
      )}
      <TrainingModeSection />
    </AdminPage>
  );
}
