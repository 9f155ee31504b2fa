/** Adding a contact by hand: who they are, how to reach them, and whether they hold parental responsibility. */
import { useState, type FormEvent } from 'react';
import { addContact, type Contact, type NewContact } from '../api/pupils';
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
  onAdded: (contact: Contact) => void;
  onCancel: () => void;
}

export function AddContactForm({ pupilId, onAdded, onCancel }: AddContactFormProps) {
  const [contactId] = useState(() => crypto.randomUUID());
  const [values, setValues] = useState({
    name: '',
    relationship: '',
    phone: '',
    email: '',
    address: '',
    priority: '',
  });
  const [parentalResponsibility, setParentalResponsibility] = useState(false);
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
    const contact: NewContact = {
      contactId,
      name: values.name.trim(),
      relationship: values.relationship.trim(),
      parentalResponsibility,
    };
    for (const field of ['phone', 'email', 'address'] as const) {
      if (values[field].trim()) contact[field] = values[field].trim();
    }
    if (priority) contact.priority = Number(priority);
    const result = await addContact(pupilId, contact);
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
    <section className="admin-section" aria-labelledby="add-contact-heading">
      <h3 className="subsection-title" id="add-contact-heading">
        Add a contact
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
            {form.submitting ? 'Adding…' : 'Add contact'}
          </button>
          <button className="link-button" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
