/**
 * Admin > Users > Add a user: a member of staff from the MIS (which pre-fills their name and email and
 * links the user to them, IAM-5) or someone not in the MIS; then name, email, user group, and whether
 * to email a link to set a password now. Someone who already works at another school keeps their one
 * sign-in; the API says so.
 */
import { useState, type FormEvent } from 'react';
import { listMisStaff, type MisStaffCandidate } from '../../api/admin-mis-staff';
import { addUser } from '../../api/admin-users';
import { listUserGroups } from '../../api/admin-user-groups';
import { noticeForNextPage } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../../admin/form-state';
import { useLoaded } from '../../admin/use-loaded';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { Checkbox } from '../../components/checkbox';
import { FormProblems } from '../../components/form-problems';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { emailAddressProblem } from '../../forms/email-address';
import { RadioChoice } from '../../incidents/radio-choice';
import { Link } from '../../routing/link';
import { navigate } from '../../routing/router';

type Field = 'misStaffId' | 'displayName' | 'email' | 'groupId';
type Source = 'mis' | 'other';

const FIELDS: FormFields<Field> = {
  misStaffId: { id: 'new-user-mis-staff', label: 'Member of staff' },
  displayName: { id: 'new-user-name', label: 'Full name' },
  email: { id: 'new-user-email', label: 'Email address' },
  groupId: { id: 'new-user-group', label: 'User group' },
};

const SOURCES: readonly { value: Source; label: string }[] = [
  { value: 'mis', label: 'A member of staff from the MIS' },
  { value: 'other', label: 'Someone not in the MIS' },
];

function staffLabel(member: MisStaffCandidate): string {
  const name = `${member.surname}, ${member.forename}`;
  return member.roles.length > 0 ? `${name} (${member.roles.join(', ')})` : name;
}

function validate(
  misStaffId: string | undefined,
  displayName: string,
  email: string,
  groupId: string,
): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (misStaffId === '') errors.misStaffId = 'Choose the member of staff';
  if (displayName === '') errors.displayName = 'Enter their full name';
  const emailProblem = emailAddressProblem(email);
  if (emailProblem) errors.email = email === '' ? 'Enter their email address' : emailProblem;
  if (groupId === '') errors.groupId = 'Choose a user group';
  return errors;
}

export function AddUserPage() {
  const { state: groups } = useLoaded(listUserGroups);
  const { state: misStaff } = useLoaded(listMisStaff);
  const available =
    misStaff.phase === 'loaded' ? misStaff.value.filter((member) => member.user === undefined) : [];
  // Starts on typing the details in, so the form does not change under the admin as the list loads.
  const [source, setSource] = useState<Source>('other');
  const [misStaffId, setMisStaffId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [groupId, setGroupId] = useState('');
  const [sendPasswordEmail, setSendPasswordEmail] = useState(true);
  const form = useFormState<Field>();

  function chooseStaff(misId: string) {
    setMisStaffId(misId);
    const member = available.find((candidate) => candidate.misId === misId);
    if (!member) return;
    // Pre-filled from the MIS; the admin may still correct either before adding.
    setDisplayName(member.displayName);
    setEmail(member.email ?? '');
  }

  async function submit() {
    const trimmedName = displayName.trim();
    const trimmedEmail = email.trim();
    const fromMis = source === 'mis' ? misStaffId : undefined;
    const invalid = validate(fromMis, trimmedName, trimmedEmail, groupId);
    if (Object.keys(invalid).length > 0) {
      form.setState({ kind: 'invalid', errors: invalid });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await addUser({
      displayName: trimmedName,
      email: trimmedEmail,
      groupId,
      sendPasswordEmail,
      misStaffId: fromMis,
    });
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    noticeForNextPage(
      adminPaths.users,
      sendPasswordEmail
        ? `${result.value.displayName} has been added and sent a link to set their password.`
        : `${result.value.displayName} has been added.`,
    );
    navigate(adminPaths.users);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <AdminPage title="Add a user">
      <p>
        <Link href={adminPaths.users}>Back to users</Link>
      </p>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      {groups.phase === 'failed' && <AdminProblem problem={groups.problem} />}
      {misStaff.phase === 'failed' && <AdminProblem problem={misStaff.problem} />}
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <RadioChoice
          id="new-user-source"
          legend="Who are you adding?"
          hint="Staff from the MIS are linked to their MIS record. Add someone not in the MIS (a supply teacher, a governor) by hand."
          options={SOURCES}
          value={source}
          onChange={setSource}
        />
        {source === 'mis' && (
          <SelectField
            id={FIELDS.misStaffId.id}
            label="Member of staff"
            hint={
              misStaff.phase === 'loaded' && available.length === 0
                ? 'The MIS lists nobody who is not already a user.'
                : 'Staff the MIS lists who are not yet users. Their name and email are filled in for you.'
            }
            placeholder={misStaff.phase === 'loading' ? 'Loading staff…' : 'Choose a member of staff'}
            options={available.map((member) => ({ value: member.misId, label: staffLabel(member) }))}
            value={misStaffId}
            onChange={chooseStaff}
            error={form.errors.misStaffId}
          />
        )}
        <TextField
          id={FIELDS.displayName.id}
          label="Full name"
          autoComplete="off"
          value={displayName}
          onChange={setDisplayName}
          error={form.errors.displayName}
        />
        <TextField
          id={FIELDS.email.id}
          type="email"
          label="Email address"
          hint="Their school email address. They sign in with it."
          inputMode="email"
          value={email}
          onChange={setEmail}
          error={form.errors.email}
        />
        <SelectField
          id={FIELDS.groupId.id}
          label="User group"
          hint="What they may see and do. You can change it later."
          placeholder={groups.phase === 'loading' ? 'Loading user groups…' : 'Choose a user group'}
          options={
            groups.phase === 'loaded'
              ? groups.value.groups.map((group) => ({ value: group.groupId, label: group.name }))
              : []
          }
          value={groupId}
          onChange={setGroupId}
          error={form.errors.groupId}
        />
        <Checkbox
          id="new-user-send-password-email"
          label="Email them a link to set their password"
          hint="The link works until midnight tonight. You can send another from their page."
          checked={sendPasswordEmail}
          onChange={setSendPasswordEmail}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Adding…' : 'Add user'}
        </button>
      </form>
    </AdminPage>
  );
}
