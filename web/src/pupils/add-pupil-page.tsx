/**
 * Adding a pupil by hand (REC-1), for a pupil the school's MIS does not hold: names, date of birth,
 * gender, year group and classes, and the UPN or ULN when known. The id is chosen here once, so
 * sending the form again after a lost answer cannot add the pupil twice.
 */
import { useState, type FormEvent } from 'react';
import { addPupil, getPupilFilters, type Gender, type NewPupil } from '../api/pupils';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../admin/form-state';
import { useLoaded } from '../admin/use-loaded';
import { AdminProblem } from '../components/admin-problem';
import { Checkbox } from '../components/checkbox';
import { FormProblems } from '../components/form-problems';
import { SelectField } from '../components/select-field';
import { TextField } from '../components/text-field';
import { navigate } from '../routing/router';
import { useDocumentTitle } from '../routing/use-document-title';
import { DateInput, EMPTY_DATE, isoDateOf, type DateParts } from './date-input';
import { pupilPaths } from './pupil-paths';
import './pupils.css';

type Field =
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

const FIELDS: FormFields<Field> = {
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

type TextFields = Pick<Record<Field, string>, Exclude<Field, 'dateOfBirth' | 'gender' | 'classIds'>>;

const EMPTY: TextFields = {
  legalForename: '',
  legalSurname: '',
  preferredForename: '',
  preferredSurname: '',
  middleNames: '',
  yearGroup: '',
  upn: '',
  uln: '',
};

function checkedInput(
  text: TextFields,
  dateOfBirth: DateParts,
  gender: Gender | '',
): { errors: FieldErrors<Field>; date?: string } {
  const errors: FieldErrors<Field> = {};
  if (!text.legalForename.trim()) errors.legalForename = 'Enter the pupil’s legal first name';
  if (!text.legalSurname.trim()) errors.legalSurname = 'Enter the pupil’s legal last name';
  const date = isoDateOf(dateOfBirth);
  if ('problem' in date) errors.dateOfBirth = `Date of birth ${date.problem}`;
  if (!gender) errors.gender = 'Choose the pupil’s gender';
  const upn = text.upn.trim().toUpperCase();
  if (upn && !/^[A-Z][0-9]{11}[0-9A-Z]$/.test(upn))
    errors.upn = 'UPN must be 13 characters, for example B801200005001';
  if (text.uln.trim() && !/^[0-9]{10}$/.test(text.uln.trim())) errors.uln = 'ULN must be 10 digits';
  return 'date' in date ? { errors, date: date.date } : { errors };
}

export function AddPupilPage() {
  useDocumentTitle('Add a pupil');
  const { state: filterState } = useLoaded(getPupilFilters);
  const [pupilId] = useState(() => crypto.randomUUID());
  const [text, setText] = useState<TextFields>(EMPTY);
  const [dateOfBirth, setDateOfBirth] = useState<DateParts>(EMPTY_DATE);
  const [gender, setGender] = useState<Gender | ''>('');
  const [classIds, setClassIds] = useState<ReadonlySet<string>>(new Set());
  const form = useFormState<Field>();
  const set = (field: keyof TextFields) => (value: string) => setText({ ...text, [field]: value });

  async function submit() {
    const { errors, date } = checkedInput(text, dateOfBirth, gender);
    if (Object.keys(errors).length > 0 || !date || !gender) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const optional = (value: string) => value.trim() || undefined;
    const pupil: NewPupil = {
      pupilId,
      legalForename: text.legalForename.trim(),
      legalSurname: text.legalSurname.trim(),
      dateOfBirth: date,
      gender,
      classIds: [...classIds],
    };
    for (const field of [
      'preferredForename',
      'preferredSurname',
      'middleNames',
      'yearGroup',
      'uln',
    ] as const) {
      const value = optional(text[field]);
      if (value !== undefined) pupil[field] = value;
    }
    const upn = optional(text.upn)?.toUpperCase();
    if (upn !== undefined) pupil.upn = upn;
    const result = await addPupil(pupil);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    navigate(pupilPaths.pupil(result.value.pupilId));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  const classes = filterState.phase === 'loaded' ? filterState.value.classes : [];
  return (
    <div className="panel panel--narrow">
      <h1 className="page-title" tabIndex={-1}>
        Add a pupil
      </h1>
      <p className="lede">
        For a pupil the school’s MIS does not hold. Pupils from the MIS arrive with the nightly import.
      </p>
      {filterState.phase === 'failed' && <AdminProblem problem={filterState.problem} />}
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
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
                onChange={(checked) => {
                  const next = new Set(classIds);
                  if (checked) next.add(choice.classId);
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
          {form.submitting ? 'Adding…' : 'Add pupil'}
        </button>
      </form>
    </div>
  );
}
