/**
 * Adding a contact by hand, or changing one added by hand: who they are, how to reach them, and whether
 * they hold parental responsibility. A change replaces the contact, against the version read.
 */
import { useState, type FormEvent } from 'react';
import { addContact, updateContact, type Contact, type NewContact } from '../api/pupils';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../admin/form-state';
import { Checkbox } from '../components/checkbox';
import { FormProblems } from '../components/form-problems';
import { TextField } from '../components/text-field';
import { TextareaField } from '../components/textarea-field';

type Field = 'name' | 'relationship' | 'phone' | 'email' | 'address' | 'parentalResponsibility' | 'priority';

const FIELDS: FormFields<Field> = {
  name: { id: 'contact-name', label: 'Name' },
  relationship: { id: 'contact-relationship', label: 'Relationship' },
  phone: { id: 'contact-phone', label: 'Phone' },
  email: { id: 'contact-email', label: 'Email' },
  address: { id: 'contact-address', label: 'Address' },
  parentalResponsibility: { id: 'contact-parental-responsibility', label: 'Parental responsibility' },
  priority: { id: 'contact-priority', label: 'Priority' },
};

interface AddContactFormProps {
  pupilId: string;
  /** The contact to change; without it the form adds a new one. */
  contact?: Contact;
  onAdded: (contact: Contact) => void;
  onCancel: () => void;
}

export function AddContactForm({ pupilId, contact: existing, onAdded, onCancel }: AddContactFormProps) {
  const [contactId] = useState(() => existing?.contactId ?? crypto.randomUUID());
  const [values, setValues] = useState({
    name: existing?.name ?? '',
    relationship: existing?.relationship ?? '',
    phone: existing?.phone ?? '',
    email: existing?.email ?? '',
    address: existing?.address ?? '',
    priority: existing?.priority === undefined ? '' : String(existing.priority),
  });
  const [parentalResponsibility, setParentalResponsibility] = useState(
    existing?.parentalResponsibility ?? false,
  );
  const headingId = existing ? `change-contact-${existing.contactId}-heading` : 'add-contact-heading';
  const form = useFormState<Field>();
  const set = (field: keyof typeof values) => (value: string) => setValues({ ...values, [field]: value });

  async function submit() {
    const errors: FieldErrors<Field> = {};
    if (!values.name.trim()) errors.name = 'Enter the contact’s name';
    if (!values.relationship.trim())
      errors.relationship = 'Enter how they are connected to the pupil, for example Social worker';
    if (values.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) {
      errors.email = 'Enter an email address like name@example.org';
    }
    const priority = values.priority.trim();
    if (priority && !/^([1-9]|1[0-9]|20)$/.test(priority))
      errors.priority = 'Priority must be a number from 1 to 20';
    if (Object.keys(errors).length > 0) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const contact: Omit<NewContact, 'contactId'> = {
      name: values.name.trim(),
      relationship: values.relationship.trim(),
      parentalResponsibility,
    };
    for (const field of ['phone', 'email', 'address'] as const) {
      if (values[field].trim()) contact[field] = values[field].trim();
    }
    if (priority) contact.priority = Number(priority);
    const result = existing
      ? await updateContact(pupilId, contactId, { ...contact, version: existing.version })
      : await addContact(pupilId, { contactId, ...contact });
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    onAdded(result.value);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby={headingId}>
      <h3 className="subsection-title" id={headingId}>
        {existing ? `Change ${existing.name}` : 'Add a contact'}
      </h3>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.name.id}
          label="Name"
          value={values.name}
          onChange={set('name')}
          error={form.errors.name}
        />
        <TextField
          id={FIELDS.relationship.id}
          label="Relationship"
          hint="For example Social worker, Aunt, Foster carer"
          value={values.relationship}
          onChange={set('relationship')}
          error={form.errors.relationship}
        />
        <TextField
          id={FIELDS.phone.id}
          label="Phone (optional)"
          value={values.phone}
          onChange={set('phone')}
          error={form.errors.phone}
          inputMode="tel"
        />
        <TextField
          id={FIELDS.email.id}
          label="Email (optional)"
          type="email"
          value={values.email}
          onChange={set('email')}
          error={form.errors.email}
        />
        <TextareaField
          id={FIELDS.address.id}
          label="Address (optional)"
          value={values.address}
          onChange={set('address')}
          error={form.errors.address}
        />
        <TextField
          id={FIELDS.priority.id}
          label="Priority (optional)"
          hint="Order in which to call: 1 first"
          value={values.priority}
          onChange={set('priority')}
          error={form.errors.priority}
          inputMode="numeric"
          narrow
        />
        <Checkbox
          id={FIELDS.parentalResponsibility.id}
          label="Has parental responsibility"
          checked={parentalResponsibility}
          onChange={setParentalResponsibility}
        />
        <div className="button-group">
          <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
            {existing
              ? form.submitting
                ? 'Saving…'
                : 'Save contact'
              : form.submitting
                ? 'Adding…'
                : 'Add contact'}
          </button>
          <button className="link-button" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
