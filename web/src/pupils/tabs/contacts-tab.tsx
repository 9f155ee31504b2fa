/**
 * Contacts (seed 8.3): who to call about the pupil, in priority order, with parental responsibility
 * marked. People who may manage pupils can add a contact the MIS does not hold (a social worker, say)
 * and change or remove one they added; contacts from the MIS change only in the MIS.
 */
import { useState } from 'react';
import { deleteContact, type Contact } from '../../api/pupils';
import { useMyAccess } from '../../admin/my-access-store';
import { ActionNotice, type ActionOutcome } from '../../components/action-notice';
import { AddContactForm } from '../add-contact-form';
import type { PupilTabProps } from '../pupil-tabs';

function ContactCard({
  contact,
  onRemove,
  onChange,
}: {
  contact: Contact;
  onRemove?: () => void;
  onChange?: () => void;
}) {
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
        <div className="summary-list__row">
          <dt>From</dt>
          <dd>{contact.source === 'mis' ? 'The school’s MIS' : 'Added in Lantern'}</dd>
        </div>
      </dl>
      {(onChange || onRemove) && (
        <p className="button-group">
          {onChange && (
            <button className="link-button" type="button" onClick={onChange}>
              Change<span className="visually-hidden"> {contact.name}</span>
            </button>
          )}
          {onRemove && (
            <button className="link-button" type="button" onClick={onRemove}>
              Remove<span className="visually-hidden"> {contact.name}</span>
            </button>
          )}
        </p>
      )}
    </li>
  );
}

export function ContactsTab({ pupil, view, onChanged }: PupilTabProps) {
  const access = useMyAccess(view);
  const mayManage = access.phase === 'loaded' && access.access.permissions.includes('students.manage');
  const [adding, setAdding] = useState(false);
  /** The contact being changed, whose card the form replaces. */
  const [changing, setChanging] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  async function remove(contact: Contact) {
    const result = await deleteContact(pupil.pupilId, contact);
    setOutcome(
      result.ok
        ? { kind: 'done', text: `Removed ${contact.name}.` }
        : { kind: 'failed', problem: result.problem },
    );
    if (result.ok) onChanged?.();
  }

  return (
    <>
      <div className="pupil-search__heading">
        <h2 className="section-title">Contacts</h2>
        {mayManage && !adding && !changing && (
          <button className="button button--secondary" type="button" onClick={() => setAdding(true)}>
            Add contact
          </button>
        )}
      </div>
      <ActionNotice outcome={outcome} {...(onChanged ? { onReload: onChanged } : {})} />
      {adding && (
        <AddContactForm
          pupilId={pupil.pupilId}
          onCancel={() => setAdding(false)}
          onAdded={(contact) => {
            setAdding(false);
            setOutcome({ kind: 'done', text: `Added ${contact.name}.` });
            onChanged?.();
          }}
        />
      )}
      {pupil.contacts.length === 0 ? (
        <p>No contacts are recorded.</p>
      ) : (
        <ul className="contact-list">
          {pupil.contacts.map((contact) =>
            changing === contact.contactId ? (
              <li key={contact.contactId} className="contact-card">
                <AddContactForm
                  pupilId={pupil.pupilId}
                  contact={contact}
                  onCancel={() => setChanging(undefined)}
                  onAdded={(saved) => {
                    setChanging(undefined);
                    setOutcome({ kind: 'done', text: `Saved ${saved.name}.` });
                    onChanged?.();
                  }}
                />
              </li>
            ) : (
              <ContactCard
                key={contact.contactId}
                contact={contact}
                {...(mayManage && contact.source === 'manual'
                  ? {
                      onRemove: () => void remove(contact),
                      onChange: () => {
                        // One contact form at a time: its fields' ids are the same.
                        setAdding(false);
                        setChanging(contact.contactId);
                      },
                    }
                  : {})}
              />
            ),
          )}
        </ul>
      )}
    </>
  );
}
