/**
 * Pupil endpoints (REC-1, seed 3 and 8): search and class registers, the pupil picker for recording a
 * concern, one pupil's record, and the changes an admin makes by hand. Reading needs the pupil list or
 * details permission (a key, elevated); the picker needs only incidents.add, so any member of staff can
 * name the pupil they are worried about.
 */
import { z } from 'zod';
import { ClassKindSchema } from '../access/class-group';
import { MonitoringCategoryChoiceSchema } from '../monitoring/monitoring-schemas';
import { defineEndpoint } from '../platform/http/endpoint';
import { ContactSchema, PupilLinkSchema } from './pupil';
import {
  ContactChangesSchema,
  ContactIdParams,
  LinkParams,
  NewContactSchema,
  NewLinkSchema,
  NewPupilSchema,
  PupilChangesSchema,
  PupilIdParams,
  PupilListQuerySchema,
  PupilListSchema,
  PupilLookupQuerySchema,
  PupilLookupSchema,
  PupilProfileViewSchema,
  PupilRecordSchema,
  VersionBodySchema,
  VersionSchema,
} from './pupil-schemas';

const tags = ['Pupils'];
const list = { kind: 'staff', permission: 'students.list' } as const;
const details = { kind: 'staff', permission: 'students.details' } as const;
const manage = { kind: 'staff', permission: 'students.manage' } as const;

export const PupilFiltersSchema = z
  .object({
    /** The tutor and year groups whose registers this viewer may open. */
    classes: z.array(z.object({ classId: z.string().uuid(), name: z.string(), kind: ClassKindSchema })),
    /** Categories this viewer may see monitored pupils for. */
    categories: z.array(MonitoringCategoryChoiceSchema),
  })
  .meta({ id: 'PupilFilters' });

export const listPupils = defineEndpoint({
  operationId: 'listPupils',
  method: 'GET',
  path: '/api/pupils',
  summary:
    'Quick search by any part of a name, a class register, or the pupils monitored now (all or one category), each with the categories they are monitored under',
  tags,
  access: list,
  query: PupilListQuerySchema,
  successStatus: 200,
  response: PupilListSchema,
});

export const lookupPupils = defineEndpoint({
  operationId: 'lookupPupils',
  method: 'GET',
  path: '/api/pupils/lookup',
  summary:
    'The pupil picker for recording a concern: up to 20 active pupils by any part of a name, name and groups only (class restrictions do not apply)',
  tags,
  access: { kind: 'staff', permission: 'incidents.add' },
  query: PupilLookupQuerySchema,
  successStatus: 200,
  response: PupilLookupSchema,
});

export const getPupilFilters = defineEndpoint({
  operationId: 'getPupilFilters',
  method: 'GET',
  path: '/api/pupils/filters',
  summary: 'The classes and categories this viewer may filter the pupil list by',
  tags,
  access: list,
  successStatus: 200,
  response: PupilFiltersSchema,
});

export const addPupil = defineEndpoint({
  operationId: 'addPupil',
  method: 'POST',
  path: '/api/pupils',
  summary: 'Add a pupil by hand (one the MIS does not hold); the client chooses the id, so a retry is safe',
  tags,
  access: manage,
  body: NewPupilSchema,
  successStatus: 201,
  response: PupilProfileViewSchema,
  otherProblemStatuses: [409],
});

export const getPupil = defineEndpoint({
  operationId: 'getPupil',
  method: 'GET',
  path: '/api/pupils/{pupilId}',
  summary: "A pupil's record: profile, contacts, links and the categories they are monitored under now",
  tags,
  access: details,
  params: PupilIdParams,
  successStatus: 200,
  response: PupilRecordSchema,
});

export const updatePupil = defineEndpoint({
  operationId: 'updatePupil',
  method: 'PATCH',
  path: '/api/pupils/{pupilId}',
  summary: "Change a pupil added by hand (an MIS pupil's details are the MIS's: 409)",
  tags,
  access: manage,
  params: PupilIdParams,
  body: PupilChangesSchema,
  successStatus: 200,
  response: PupilProfileViewSchema,
  otherProblemStatuses: [409],
});

export const archivePupil = defineEndpoint({
  operationId: 'archivePupil',
  method: 'POST',
  path: '/api/pupils/{pupilId}/archive',
  summary: 'Archive a pupil added by hand (left the school): found again with "include archived"',
  tags,
  access: manage,
  params: PupilIdParams,
  body: VersionBodySchema,
  successStatus: 200,
  response: PupilProfileViewSchema,
  otherProblemStatuses: [409],
});

export const unarchivePupil = defineEndpoint({
  operationId: 'unarchivePupil',
  method: 'POST',
  path: '/api/pupils/{pupilId}/unarchive',
  summary: 'Bring an archived pupil added by hand back',
  tags,
  access: manage,
  params: PupilIdParams,
  body: VersionBodySchema,
  successStatus: 200,
  response: PupilProfileViewSchema,
  otherProblemStatuses: [409],
});

export const addContact = defineEndpoint({
  operationId: 'addPupilContact',
  method: 'POST',
  path: '/api/pupils/{pupilId}/contacts',
  summary: "Add a contact to a pupil's record (a social worker, say); the client chooses the id",
  tags,
  access: manage,
  params: PupilIdParams,
  body: NewContactSchema,
  successStatus: 201,
  response: ContactSchema,
  otherProblemStatuses: [409],
});

export const updateContact = defineEndpoint({
  operationId: 'updatePupilContact',
  method: 'PATCH',
  path: '/api/pupils/{pupilId}/contacts/{contactId}',
  summary: 'Replace a contact added by hand (MIS contacts: 409)',
  tags,
  access: manage,
  params: ContactIdParams,
  body: ContactChangesSchema,
  successStatus: 200,
  response: ContactSchema,
  otherProblemStatuses: [409],
});

export const deleteContact = defineEndpoint({
  operationId: 'deletePupilContact',
  method: 'DELETE',
  path: '/api/pupils/{pupilId}/contacts/{contactId}',
  summary: 'Remove a contact added by hand (MIS contacts: 409)',
  tags,
  access: manage,
  params: ContactIdParams,
  query: z.object({ version: z.coerce.number().pipe(VersionSchema) }),
  successStatus: 204,
  response: z.undefined(),
  otherProblemStatuses: [409],
});

export const addLink = defineEndpoint({
  operationId: 'addPupilLink',
  method: 'POST',
  path: '/api/pupils/{pupilId}/links',
  summary: 'Link two pupils by hand (cousins, same household): shown on both records',
  tags,
  access: manage,
  params: PupilIdParams,
  body: NewLinkSchema,
  successStatus: 201,
  response: PupilLinkSchema,
  otherProblemStatuses: [409],
});

export const deleteLink = defineEndpoint({
  operationId: 'deletePupilLink',
  method: 'DELETE',
  path: '/api/pupils/{pupilId}/links/{otherPupilId}',
  summary: 'Remove a link added by hand from both pupils (MIS sibling links: 409)',
  tags,
  access: manage,
  params: LinkParams,
  successStatus: 204,
  response: z.undefined(),
  otherProblemStatuses: [409],
});

/** In routing order: the fixed paths before /api/pupils/{pupilId}. */
export const PUPIL_ENDPOINTS = [
  listPupils,
  lookupPupils,
  getPupilFilters,
  addPupil,
  getPupil,
  updatePupil,
  archivePupil,
  unarchivePupil,
  addContact,
  updateContact,
  deleteContact,
  addLink,
  deleteLink,
] as const;
