/** Contacts: who to call about the pupil, in the MIS's priority order, with parental responsibility marked. */
import type { Contact } from '../../api/pupils';
import type { PupilTabProps } from '../pupil-tabs';

function ContactCard({ contact }: { contact: Contact }) {
  return (
    <li className="contact-card">
      <h3 className="contact-card__name">
        {contact.name} <span className="contact-card__relationship">({contact.relationship})</span>
      </h3>
      <dl className="summary-list">
        {contact.priority !== undefined && (
          <div className="summary-list__row">
            <dt>Priority</dt>
            <dd>{contact.priority}</dd>
          </div>
        )}
        <div className="summary-list__row">
          <dt>Parental responsibility</dt>
          <dd>{contact.parentalResponsibility ? 'Yes' : 'No'}</dd>
        </div>
        {contact.phone && (
          <div className="summary-list__row">
            <dt>Phone</dt>
            <dd>
              <a href={`tel:${contact.phone.replace(/\s+/g, '')}`}>{contact.phone}</a>
            </dd>
          </div>
        )}
        {contact.email && (
          <div className="summary-list__row">
            <dt>Email</dt>
            <dd>{contact.email}</dd>
          </div>
        )}
        {contact.address && (
          <div className="summary-list__row">
            <dt>Address</dt>
            <dd>{contact.address}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}

export function ContactsTab({ pupil }: PupilTabProps) {
  const contacts = [...pupil.contacts].sort((a, b) => (a.priority ?? 99) - (b.priority ?? 99));
  return (
    <>
      <h2 className="section-title">Contacts</h2>
      {contacts.length === 0 ? (
        <p>No contacts are recorded.</p>
      ) : (
        <ul className="contact-list">
          {contacts.map((contact) => (
            <ContactCard key={contact.contactId} contact={contact} />
          ))}
        </ul>
      )}
    </>
  );
}
