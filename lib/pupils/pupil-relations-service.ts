/**
 * Contacts and links added by hand (students.manage; seed 8.1 "Links", 8.3 "Add contact"). Contacts
 * and sibling links from the MIS are read-only here. A link is written on both pupils in one
 * transaction; a pupil from another school, or one the viewer may not see, is answered as unknown.
 */
import { authorisation } from '../access/authorisation';
import type { AuditLog } from '../audit/audit-log';
import { StaleItemError } from '../data/school-collection';
import type { ContactRepository } from './contact-repository';
import type { LinkRepository } from './link-repository';
import {
  pupilAccessFacts,
  summaryOf,
  type Contact,
  type ContactInput,
  type Pupil,
  type PupilLink,
} from './pupil';
import { PupilConflictError, PupilInvalidFieldError, PupilNotFoundError } from './pupil-errors';
import type { PupilRecordReader } from './pupil-record-reader';
import type { PupilRepository } from './pupil-repository';
import type { NewLink } from './pupil-schemas';
import type { Viewer } from './viewer';

export interface PupilRelationsDependencies {
  readonly pupils: PupilRepository;
  readonly reader: PupilRecordReader;
  readonly contacts: ContactRepository;
  readonly links: LinkRepository;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

const MIS_CONTACT =
  "This contact comes from the school's MIS, which updates it every night: change it there.";
const MIS_LINK = "This sibling link comes from the school's MIS: it cannot be removed here.";

function staleContact(): PupilConflictError {
  return new PupilConflictError(
    'Someone else has changed this contact since you opened it. Reload to see their changes.',
    'body.version',
  );
}

export class PupilRelationsService {
  constructor(private readonly deps: PupilRelationsDependencies) {}

  private now(): string {
    return (this.deps.now ?? (() => new Date()))().toISOString();
  }

  /** The pupil, if it exists in the viewer's school and they may see it. */
  private async visiblePupil(viewer: Viewer, pupilId: string): Promise<Pupil> {
    const pupil = await this.deps.pupils.get(viewer.actor.schoolId, pupilId);
    if (!pupil || !authorisation.maySeePupil(viewer.access, pupilAccessFacts(pupil))) {
      throw new PupilNotFoundError();
    }
    return pupil;
  }

  async addContact(
    viewer: Viewer,
    pupilId: string,
    input: ContactInput & { contactId: string },
  ): Promise<Contact> {
    const schoolId = viewer.actor.schoolId;
    await this.visiblePupil(viewer, pupilId);
    const contact: Contact = { ...input, pupilId, source: 'manual', updatedAt: this.now(), version: 1 };
    try {
      await this.deps.contacts.create(schoolId, contact);
    } catch (error) {
      if (!(error instanceof StaleItemError)) throw error;
      // A retry of the same request finds its own contact: answer as the first attempt did.
      const existing = await this.deps.contacts.get(schoolId, pupilId, input.contactId);
      const same =
        existing &&
        JSON.stringify({ ...existing, updatedAt: '' }) === JSON.stringify({ ...contact, updatedAt: '' });
      if (existing && same) return existing;
      throw new PupilConflictError('A contact with this id already exists.', 'body.contactId');
    }
    await this.audit(viewer, 'pupil.contact.create', pupilId, input.contactId);
    return contact;
  }

  async updateContact(
    viewer: Viewer,
    pupilId: string,
    contactId: string,
    changes: ContactInput & { version: number },
  ): Promise<Contact> {
    const existing = await this.editableContact(viewer, pupilId, contactId, changes.version);
    const { version, ...input } = changes;
    const next: Contact = {
      ...input,
      contactId,
      pupilId,
      source: existing.source,
      updatedAt: this.now(),
      version: version + 1,
    };
    try {
      await this.deps.contacts.update(viewer.actor.schoolId, next);
    } catch (error) {
      if (error instanceof StaleItemError) throw staleContact();
      throw error;
    }
    await this.audit(viewer, 'pupil.contact.update', pupilId, contactId);
    return next;
  }

  async deleteContact(viewer: Viewer, pupilId: string, contactId: string, version: number): Promise<void> {
    await this.editableContact(viewer, pupilId, contactId, version);
    try {
      await this.deps.contacts.delete(viewer.actor.schoolId, pupilId, contactId, version);
    } catch (error) {
      if (error instanceof StaleItemError) throw staleContact();
      throw error;
    }
    await this.audit(viewer, 'pupil.contact.delete', pupilId, contactId);
  }

  private async editableContact(
    viewer: Viewer,
    pupilId: string,
    contactId: string,
    version: number,
  ): Promise<Contact> {
    const [, contact] = await Promise.all([
      this.visiblePupil(viewer, pupilId),
      this.deps.contacts.get(viewer.actor.schoolId, pupilId, contactId),
    ]);
    if (!contact) throw new PupilNotFoundError('contact');
    if (contact.source === 'mis') throw new PupilConflictError(MIS_CONTACT);
    if (contact.version !== version) throw staleContact();
    return contact;
  }

  /** Links two pupils of this school by hand, on both profiles at once. */
  async addLink(viewer: Viewer, pupilId: string, input: NewLink): Promise<PupilLink> {
    if (input.otherPupilId === pupilId) {
      throw new PupilInvalidFieldError('body.otherPupilId', 'choose another pupil than this one');
    }
    const schoolId = viewer.actor.schoolId;
    // Another school's pupil, or one the viewer may not see, is unknown (404) like any other.
    const [pupil, other] = await Promise.all([
      this.visiblePupil(viewer, pupilId),
      this.visiblePupil(viewer, input.otherPupilId),
    ]);
    const at = this.now();
    const link: PupilLink = {
      pupilId,
      otherPupilId: other.pupilId,
      kind: 'manual',
      note: input.note,
      other: summaryOf(other),
      source: 'manual',
      createdAt: at,
    };
    const reverse: PupilLink = {
      ...link,
      pupilId: other.pupilId,
      otherPupilId: pupilId,
      other: summaryOf(pupil),
    };
    try {
      await this.deps.links.createBoth(schoolId, link, reverse);
    } catch (error) {
      if (!(error instanceof StaleItemError)) throw error;
      const existing = (await this.deps.reader.profileWithLinks(schoolId, pupilId))?.links.find(
        (candidate) => candidate.otherPupilId === other.pupilId,
      );
      // A retry of the same request finds its own link: answer as the first attempt did.
      if (existing && existing.source === 'manual' && existing.note === input.note) return existing;
      throw new PupilConflictError('These pupils are linked already.', 'body.otherPupilId');
    }
    await this.audit(viewer, 'pupil.link.create', pupilId, other.pupilId);
    return link;
  }

  async deleteLink(viewer: Viewer, pupilId: string, otherPupilId: string): Promise<void> {
    const schoolId = viewer.actor.schoolId;
    const [read] = await Promise.all([
      this.deps.reader.profileWithLinks(schoolId, pupilId),
      this.visiblePupil(viewer, otherPupilId),
    ]);
    if (!read || !authorisation.maySeePupil(viewer.access, pupilAccessFacts(read.pupil))) {
      throw new PupilNotFoundError();
    }
    const link = read.links.find((candidate) => candidate.otherPupilId === otherPupilId);
    if (!link) throw new PupilNotFoundError('link');
    if (link.source === 'mis') throw new PupilConflictError(MIS_LINK);
    try {
      await this.deps.links.deleteBoth(schoolId, pupilId, otherPupilId);
    } catch (error) {
      if (error instanceof StaleItemError) throw new PupilNotFoundError('link');
      throw error;
    }
    await this.audit(viewer, 'pupil.link.delete', pupilId, otherPupilId);
  }

  private async audit(
    viewer: Viewer,
    action:
      | 'pupil.contact.create'
      | 'pupil.contact.update'
      | 'pupil.contact.delete'
      | 'pupil.link.create'
      | 'pupil.link.delete',
    pupilId: string,
    resourceId: string,
  ): Promise<void> {
    await this.deps.audit.record(viewer.actor, {
      action,
      resourceType: action.startsWith('pupil.link') ? 'pupil-link' : 'pupil-contact',
      resourceId,
      pupilId,
    });
  }
}
