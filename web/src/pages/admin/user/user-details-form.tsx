/**
 * Changing a user's name and email. The email is their sign-in at every school they work at, so when
 * they also work elsewhere only a Lantern operator may change it: the field is shown but disabled.
 */
import { useState, type FormEvent } from 'react';
import { updateUser, type UserChanges, type UserDetail } from '../../../api/admin-users';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../../../admin/form-state';
import type { ActionOutcome } from '../../../components/action-notice';
import { FormProblems } from '../../../components/form-problems';
import { TextField } from '../../../components/text-field';
import { emailAddressProblem } from '../../../forms/email-address';

type Field = 'displayName' | 'email';

const FIELDS: FormFields<Field> = {
  displayName: { id: 'user-name', label: 'Full name' },
  email: { id: 'user-email', label: 'Email address' },
};

interface UserDetailsFormProps {
  user: UserDetail;
  onChanged: (outcome: ActionOutcome) => void;
}

export function UserDetailsForm({ user, onChanged }: UserDetailsFormProps) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email);
  const form = useFormState<Field>();

  async function submit() {
    const changes: UserChanges = {};
    const trimmedName = displayName.trim();
    const trimmedEmail = email.trim();
    const errors: FieldErrors<Field> = {};
    if (trimmedName === '') errors.displayName = 'Enter their full name';
    else if (trimmedName !== user.displayName) changes.displayName = trimmedName;
    if (!user.worksAtOtherSchools && trimmedEmail.toLowerCase() !== user.email) {
      const problem = emailAddressProblem(trimmedEmail);
      if (problem) errors.email = trimmedEmail === '' ? 'Enter their email address' : problem;
      else changes.email = trimmedEmail;
    }
    if (Object.keys(errors).length > 0) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    if (Object.keys(changes).length === 0) {
      form.setState({ kind: 'editing' });
      onChanged({ kind: 'done', text: 'Nothing to save: the name and email address are unchanged.' });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await updateUser(user.personId, changes);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    onChanged({ kind: 'done', text: `Saved the name and email address of ${result.value.displayName}.` });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby="user-details-heading">
      <h2 className="section-title" id="user-details-heading">
        Name and email
      </h2>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.displayName.id}
          label="Full name"
          value={displayName}
          onChange={setDisplayName}
          error={form.errors.displayName}
        />
        <TextField
          id={FIELDS.email.id}
          type="email"
          label="Email address"
          inputMode="email"
          value={email}
          onChange={setEmail}
          disabled={user.worksAtOtherSchools}
          hint={
            user.worksAtOtherSchools
              ? `${user.displayName} also works at another school and signs in there with this address, so only a Lantern operator can change it.`
              : 'They sign in with this address. Changing it does not change their password.'
          }
          error={form.errors.email}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : 'Save name and email'}
        </button>
      </form>
    </section>
  );
}
