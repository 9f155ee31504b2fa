/**
 * The details of a pupil added by hand (REC-1): names, date of birth, gender, year group and classes,
 * and the UPN or ULN when known. Adding a pupil starts it empty; changing one starts it from the record.
 * The form checks what it can before sending; the page sends it and says how the API answered.
 */
import { useState, type FormEvent } from 'react';
import { getPupilFilters, type Gender } from '../api/pupils';
import type { Problem } from '../api/problem';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../admin/form-state';
import { useLoaded } from '../admin/use-loaded';
import { AdminProblem } from '../components/admin-problem';
import { Checkbox } from '../components/checkbox';
import { FormProblems } from '../components/form-problems';
import { SelectField } from '../components/select-field';
import { TextField } from '../components/text-field';
import { DateInput, EMPTY_DATE, isoDateOf, type DateParts } from './date-input';

export type PupilFormField =
  | 'legalForename'
  | 'legalSurname'
  | 'preferredForename'
  | 'preferredSurname'
  | 'middleNames'
  | 'dateOfBirth'
  | 'gender'
  | 'yearGroup'
  | 'classIds'
  | 'upn'
  | 'uln';

export const PUPIL_FORM_FIELDS: FormFields<PupilFormField> = {
  legalForename: { id: 'pupil-legal-forename', label: 'Legal first name' },
  legalSurname: { id: 'pupil-legal-surname', label: 'Legal last name' },
  preferredForename: { id: 'pupil-preferred-forename', label: 'Preferred first name' },
  preferredSurname: { id: 'pupil-preferred-surname', label: 'Preferred last name' },
  middleNames: { id: 'pupil-middle-names', label: 'Middle names' },
  dateOfBirth: { id: 'pupil-date-of-birth', label: 'Date of birth' },
  gender: { id: 'pupil-gender-F', label: 'Gender' },
  yearGroup: { id: 'pupil-year-group', label: 'Year group' },
  classIds: { id: 'pupil-classes', label: 'Classes' },
  upn: { id: 'pupil-upn', label: 'UPN' },
  uln: { id: 'pupil-uln', label: 'ULN' },
};

const GENDER_CHOICES: readonly { value: Gender; label: string }[] = [
  { value: 'F', label: 'Female' },
  { value: 'M', label: 'Male' },
  { value: 'X', label: 'Other' },
  { value: 'U', label: 'Not known' },
];

const YEAR_GROUPS = ['N', 'R', ...Array.from({ length: 13 }, (_, index) => String(index + 1))];

/** The optional texts: empty means "not known" (left out of a new pupil, cleared on a change). */
export const OPTIONAL_TEXT_FIELDS = [
  'preferredForename',
  'preferredSurname',
  'middleNames',
  'yearGroup',
  'upn',
  'uln',
] as const;

export type OptionalTextField = (typeof OPTIONAL_TEXT_FIELDS)[number];

type TextFields = Record<'legalForename' | 'legalSurname' | OptionalTextField, string>;

/** What the form holds while it is being filled in. */
export interface PupilFormValues {
  text: TextFields;
  dateOfBirth: DateParts;
  gender: Gender | '';
  classIds: ReadonlySet<string>;
}

export const EMPTY_PUPIL_FORM: PupilFormValues = {
  text: {
    legalForename: '',
    legalSurname: '',
    preferredForename: '',
    preferredSurname: '',
    middleNames: '',
    yearGroup: '',
    upn: '',
    uln: '',
  },
  dateOfBirth: EMPTY_DATE,
  gender: '',
  classIds: new Set(),
};

/** The details once checked: trimmed, the UPN in capitals, an optional text undefined when empty. */
export interface CheckedPupil {
  legalForename: string;
  legalSurname: string;
  dateOfBirth: string;
  gender: Gender;
  classIds: string[];
  optional: Record<OptionalTextField, string | undefined>;
}

function checked(values: PupilFormValues): { errors: FieldErrors<PupilFormField>; pupil?: CheckedPupil } {
  const { text, gender } = values;
  const errors: FieldErrors<PupilFormField> = {};
  if (!text.legalForename.trim()) errors.legalForename = 'Enter the pupil’s legal first name';
  if (!text.legalSurname.trim()) errors.legalSurname = 'Enter the pupil’s legal last name';
  const date = isoDateOf(values.dateOfBirth);
  if ('problem' in date) errors.dateOfBirth = `Date of birth ${date.problem}`;
  if (!gender) errors.gender = 'Choose the pupil’s gender';
  const upn = text.upn.trim().toUpperCase();
  if (upn && !/^[A-Z][0-9]{11}[0-9A-Z]$/.test(upn))
    errors.upn = 'UPN must be 13 characters, for example B801200005001';
  if (text.uln.trim() && !/^[0-9]{10}$/.test(text.uln.trim())) errors.uln = 'ULN must be 10 digits';
  if (Object.keys(errors).length > 0 || !('date' in date) || !gender) return { errors };
  const optional = {} as Record<OptionalTextField, string | undefined>;
  for (const field of OPTIONAL_TEXT_FIELDS) optional[field] = text[field].trim() || undefined;
  if (optional.upn) optional.upn = optional.upn.toUpperCase();
  return {
    errors,
    pupil: {
      legalForename: text.legalForename.trim(),
      legalSurname: text.legalSurname.trim(),
      dateOfBirth: date.date,
      gender,
      classIds: [...values.classIds],
      optional,
    },
  };
}

interface PupilDetailsFormProps {
  initial: PupilFormValues;
  submitLabel: string;
  submittingLabel: string;
  /** Sends the checked details; a Problem when the API refused them (shown by the form). */
  onSubmit: (pupil: CheckedPupil) => Promise<Problem | undefined>;
  /** Offered beside a refusal that says the record changed meanwhile. */
  onReload?: () => void;
}

export function PupilDetailsForm({
  initial,
  submitLabel,
  submittingLabel,
  onSubmit,
  onReload,
}: PupilDetailsFormProps) {
  const { state: filterState } = useLoaded(getPupilFilters);
  const [text, setText] = useState<TextFields>(initial.text);
  const [dateOfBirth, setDateOfBirth] = useState<DateParts>(initial.dateOfBirth);
  const [gender, setGender] = useState<Gender | ''>(initial.gender);
  const [classIds, setClassIds] = useState<ReadonlySet<string>>(initial.classIds);
  const form = useFormState<PupilFormField>();
  const set = (field: keyof TextFields) => (value: string) => setText({ ...text, [field]: value });
  const FIELDS = PUPIL_FORM_FIELDS;

  async function submit() {
    const { errors, pupil } = checked({ text, dateOfBirth, gender, classIds });
    if (!pupil) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const problem = await onSubmit(pupil);
    form.setState(problem ? refusalState(problem, FIELDS) : { kind: 'editing' });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  const classes = filterState.phase === 'loaded' ? filterState.value.classes : [];
  return (
    <>
      {filterState.phase === 'failed' && <AdminProblem problem={filterState.problem} />}
      <FormProblems
        state={form.state}
        fields={FIELDS}
        alertRef={form.alertRef}
        {...(onReload ? { onReload } : {})}
      />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.legalForename.id}
          label="Legal first name"
          value={text.legalForename}
          onChange={set('legalForename')}
          error={form.errors.legalForename}
        />
        <TextField
          id={FIELDS.middleNames.id}
          label="Middle names (optional)"
          value={text.middleNames}
          onChange={set('middleNames')}
          error={form.errors.middleNames}
        />
        <TextField
          id={FIELDS.legalSurname.id}
          label="Legal last name"
          value={text.legalSurname}
          onChange={set('legalSurname')}
          error={form.errors.legalSurname}
        />
        <TextField
          id={FIELDS.preferredForename.id}
          label="Preferred first name (optional)"
          hint="The name the pupil is known by, when it is not their legal one"
          value={text.preferredForename}
          onChange={set('preferredForename')}
          error={form.errors.preferredForename}
        />
        <TextField
          id={FIELDS.preferredSurname.id}
          label="Preferred last name (optional)"
          value={text.preferredSurname}
          onChange={set('preferredSurname')}
          error={form.errors.preferredSurname}
        />
        <DateInput
          id={FIELDS.dateOfBirth.id}
          legend="Date of birth"
          hint="For example, 27 3 2016"
          value={dateOfBirth}
          onChange={setDateOfBirth}
          error={form.errors.dateOfBirth}
        />
        <fieldset
          className={form.errors.gender ? 'fieldset field--error' : 'fieldset'}
          aria-describedby={form.errors.gender ? 'pupil-gender-error' : undefined}
        >
          <legend className="fieldset__legend">Gender</legend>
          {form.errors.gender && (
            <p className="field__error" id="pupil-gender-error">
              <span className="visually-hidden">Error: </span>
              {form.errors.gender}
            </p>
          )}
          <div className="radios">
            {GENDER_CHOICES.map((choice) => (
              <div className="radio" key={choice.value}>
                <input
                  className="radio__input"
                  type="radio"
                  id={`pupil-gender-${choice.value}`}
                  name="pupil-gender"
                  checked={gender === choice.value}
                  onChange={() => setGender(choice.value)}
                />
                <label className="radio__label" htmlFor={`pupil-gender-${choice.value}`}>
                  {choice.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <SelectField
          id={FIELDS.yearGroup.id}
          label="Year group (optional)"
          placeholder="Not in a year group"
          options={YEAR_GROUPS.map((year) => ({
            value: year,
            label: year === 'N' ? 'Nursery' : year === 'R' ? 'Reception' : `Year ${year}`,
          }))}
          value={text.yearGroup}
          onChange={set('yearGroup')}
          error={form.errors.yearGroup}
        />
        {classes.length > 0 && (
          <fieldset
            className={form.errors.classIds ? 'fieldset field--error' : 'fieldset'}
            id={FIELDS.classIds.id}
            tabIndex={-1}
          >
            <legend className="fieldset__legend">Classes (optional)</legend>
            <p className="field__hint">The tutor group and year group the pupil belongs to.</p>
            {form.errors.classIds && (
              <p className="field__error">
                <span className="visually-hidden">Error: </span>
                {form.errors.classIds}
              </p>
            )}
            {classes.map((choice) => (
              <Checkbox
                key={choice.classId}
                id={`pupil-class-${choice.classId}`}
                label={choice.name}
                checked={classIds.has(choice.classId)}
                onChange={(ticked) => {
                  const next = new Set(classIds);
                  if (ticked) next.add(choice.classId);
                  else next.delete(choice.classId);
                  setClassIds(next);
                }}
              />
            ))}
          </fieldset>
        )}
        <TextField
          id={FIELDS.upn.id}
          label="UPN (optional)"
          hint="Unique pupil number: 13 characters"
          value={text.upn}
          onChange={set('upn')}
          error={form.errors.upn}
        />
        <TextField
          id={FIELDS.uln.id}
          label="ULN (optional)"
          hint="Unique learner number: 10 digits"
          value={text.uln}
          onChange={set('uln')}
          error={form.errors.uln}
          inputMode="numeric"
          narrow
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? submittingLabel : submitLabel}
        </button>
      </form>
    </>
  );
}
