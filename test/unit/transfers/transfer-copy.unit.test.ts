/** The copy's pure parts: what moves, how a record is rewritten for the new school, the cursor, the set hash. */
import { createHash, randomUUID } from 'node:crypto';
import type { ChronologyAction, ChronologyIncident } from '../../../lib/incidents/chronology-entry';
import type { VaultDocument } from '../../../lib/documents/document';
import { decodeCopyCursor, encodeCopyCursor } from '../../../lib/transfers/copy/copy-cursor';
import { setSha256 } from '../../../lib/transfers/copy/copy-manifest';
import { planCopy } from '../../../lib/transfers/copy/copy-plan';
import {
  HIDDEN_PUPIL_NAME,
  hiddenPupilIdOf,
  newIdOf,
  transferredAction,
  transferredDocument,
  transferredIncident,
  type CopyContext,
} from '../../../lib/transfers/copy/copy-records';
import { legacyIdOf, legacyNameOf } from '../../../lib/transfers/copy/legacy-categories';
import type { Category } from '../../../lib/categories/category';

const staff = { personId: randomUUID(), name: 'Dana Shah' };
const pupilId = randomUUID();
const schoolId = randomUUID();
const AT = '2025-02-03T08:40:00.000Z';

function incident(overrides: Partial<ChronologyIncident> = {}): ChronologyIncident {
  return {
    incidentId: randomUUID(),
    schoolId,
    number: 1042,
    pupilId,
    role: 'victim',
    categoryIds: ['bullying'],
    otherPupils: [{ pupilId: randomUUID(), displayName: 'Ben Linked', role: 'perpetrator' }],
    text: '  Verbatim text, with spacing.\n',
    occurredAt: AT,
    recordedAt: AT,
    recordedBy: staff,
    status: 'active',
    assignedTo: staff,
    agencyIds: [randomUUID()],
    bodyMap: [{ view: 'back', x: 0.5, y: 0.5, note: 'Mark' }],
    referral: {
      decision: 'referred',
      agencyIds: [randomUUID()],
      rationale: 'Why',
      decidedAt: AT,
      decidedBy: staff,
    },
    documentIds: [],
    training: false,
    version: 3,
    updatedAt: AT,
    ...overrides,
  };
}

function action(incidentId: string, overrides: Partial<ChronologyAction> = {}): ChronologyAction {
  return {
    actionId: randomUUID(),
    incidentId,
    schoolId,
    pupilId,
    text: 'Follow-up',
    categoryIds: [],
    agencyIds: [],
    occurredAt: AT,
    recordedAt: AT,
    recordedBy: staff,
    documentIds: [],
    training: false,
    version: 1,
    ...overrides,
  };
}

function document(overrides: Partial<VaultDocument> = {}): VaultDocument {
  const documentId = randomUUID();
  return {
    documentId,
    schoolId,
    pupilId,
    fileName: 'file.pdf',
    contentType: 'application/pdf',
    sizeBytes: 10,
    sha256: 'a'.repeat(64),
    objectKey: `vault/${schoolId}/${pupilId}/${documentId}`,
    categoryIds: [],
    uploadedAt: AT,
    uploadedBy: staff,
    training: false,
    ...overrides,
  };
}

describe('planCopy', () => {
  it('takes incidents with a transferable category, their live actions and files, and the standalone vault', () => {
    const moving = incident();
    const other = incident({ categoryIds: ['attendance'] });
    const deleted = incident({ deleted: { at: AT, by: staff, reason: 'r' } });
    const training = incident({ training: true });
    const live = action(moving.incidentId, { categoryIds: ['cp'] });
    const deletedAction = action(moving.incidentId, { deleted: { at: AT, by: staff, reason: 'r' } });
    const otherAction = action(other.incidentId);
    const standalone = document();
    const onIncident = document({ incidentId: moving.incidentId, categoryIds: ['bullying'] });
    const onLiveAction = document({ incidentId: moving.incidentId, actionId: live.actionId });
    const onDeletedAction = document({ incidentId: moving.incidentId, actionId: deletedAction.actionId });
    const onOther = document({ incidentId: other.incidentId });
    const removed = document({ removed: { at: AT, by: staff, reason: 'r' } });
    const plan = planCopy(
      {
        incidents: [moving, other, deleted, training],
        actions: [live, deletedAction, otherAction],
        documents: [
          standalone,
          onIncident,
          onLiveAction,
          onDeletedAction,
          onOther,
          removed,
          document({ training: true }),
        ],
      },
      ['bullying'],
    );
    expect(plan.incidentIds).toEqual([moving.incidentId]);
    expect(plan.incidentNumbers).toEqual([1042]);
    expect(plan.actionIds).toEqual([live.actionId]);
    expect(plan.documentIds).toEqual([standalone.documentId, onIncident.documentId, onLiveAction.documentId]);
    expect(plan.categoryIds).toEqual(['bullying', 'cp']);
  });

  it('moves no incident with no transferable category, and still the standalone vault', () => {
    const standalone = document();
    const plan = planCopy({ incidents: [incident()], actions: [], documents: [standalone] }, []);
    expect(plan.incidentIds).toEqual([]);
    expect(plan.documentIds).toEqual([standalone.documentId]);
  });
});

describe('transferred records', () => {
  const transferId = randomUUID();
  const to = { schoolId: randomUUID(), pupilId: randomUUID() };
  const from = { schoolId, schoolName: 'Oakfield Primary School', pupilId };
  const attached = document();
  const context: CopyContext = {
    transferId,
    from,
    to,
    toPupilName: 'Ada Moved',
    categoryMap: { bullying: 'legacy-b' },
    fallbackCategoryId: 'legacy',
    movingDocumentIds: new Set([attached.documentId]),
  };
  const school = { personId: schoolId, name: 'Oakfield Primary School' };

  it('replaces staff with the previous school, hides linked pupils, keeps the text and maps the rest', () => {
    const source = incident({
      categoryIds: ['bullying', 'changed-since'],
      documentIds: [attached.documentId, randomUUID()],
    });
    const { incident: created, copy } = transferredIncident(context, source, 7);
    expect(created).toMatchObject({
      incidentId: newIdOf(transferId, source.incidentId),
      schoolId: to.schoolId,
      number: 7,
      pupils: [
        {
          pupilId: to.pupilId,
          displayName: 'Ada Moved',
          role: 'victim',
          categoryIds: ['legacy-b', 'legacy'],
        },
      ],
      text: source.text,
      recordedBy: school,
      updatedBy: school,
      agencyIds: [],
      bodyMap: source.bodyMap,
      referral: { decision: 'referred', agencyIds: [], rationale: 'Why', decidedBy: school },
      documentIds: [newIdOf(transferId, attached.documentId)],
      alertedPersonIds: [],
      version: 1,
      transferredFrom: { transferId, schoolName: from.schoolName, number: 1042 },
    });
    expect(created.assignedTo).toBeUndefined();
    expect(copy.otherPupils).toEqual([
      {
        pupilId: hiddenPupilIdOf(transferId, source.otherPupils[0]!.pupilId),
        displayName: HIDDEN_PUPIL_NAME,
        role: 'perpetrator',
      },
    ]);
    expect(copy.transferredFrom).toEqual(created.transferredFrom);
    expect(JSON.stringify({ created, copy })).not.toContain('Dana Shah');
    expect(JSON.stringify({ created, copy })).not.toContain('Ben Linked');
  });

  it('maps an action onto the new incident and a document into the new vault', () => {
    const source = action(randomUUID(), { documentIds: [attached.documentId] });
    const { action: created, copy } = transferredAction(context, source, 1042);
    expect(created).toMatchObject({
      incidentId: newIdOf(transferId, source.incidentId),
      pupilIds: [to.pupilId],
      recordedBy: school,
      transferredFrom: { transferId, schoolName: from.schoolName, number: 1042 },
    });
    expect(copy.pupilId).toBe(to.pupilId);
    const moved = transferredDocument(
      context,
      { ...attached, sharedFrom: { pupilId, documentId: randomUUID() } },
      'b'.repeat(64),
    );
    expect(moved).toMatchObject({
      documentId: newIdOf(transferId, attached.documentId),
      objectKey: `vault/${to.schoolId}/${to.pupilId}/${newIdOf(transferId, attached.documentId)}`,
      uploadedBy: school,
      sha256: 'b'.repeat(64),
    });
    expect(moved.sharedFrom).toBeUndefined();
  });
});

describe('the cursor, the set hash and Legacy names', () => {
  it('round-trips a cursor and refuses one it did not make', () => {
    const cursor = encodeCopyCursor({
      phase: 'records',
      after: `ENTRY#${AT}#${randomUUID()}#ACTION#${AT}#${randomUUID()}`,
    });
    expect(cursor.length).toBeLessThan(1024);
    expect(decodeCopyCursor(cursor)).toMatchObject({ phase: 'records' });
    expect(decodeCopyCursor(undefined)).toBeUndefined();
    expect(() => decodeCopyCursor('eyJwaGFzZSI6Im1hbmlmZXN0In0')).toThrow();
  });

  it('hashes the lines "<sha256> <documentId>\\n" in order', () => {
    const files = [
      {
        documentId: '00000000-0000-4000-8000-000000000001',
        fileName: 'a',
        sizeBytes: 1,
        sha256: 'c'.repeat(64),
      },
    ];
    expect(setSha256(files)).toBe(
      createHash('sha256')
        .update(`${'c'.repeat(64)} 00000000-0000-4000-8000-000000000001\n`)
        .digest('hex'),
    );
  });

  it('names a sub-category after its parent, within 60 characters, with an id from the name alone', () => {
    const category = (categoryId: string, name: string, parentId?: string): Category => ({
      categoryId,
      schoolId,
      name,
      colour: '#000000',
      ...(parentId ? { parentId } : {}),
      disabled: false,
      createdAt: AT,
      updatedAt: AT,
      version: 1,
    });
    const all = new Map([
      ['p', category('p', 'Bullying')],
      ['c', category('c', 'Cyber', 'p')],
      ['l', category('l', 'x'.repeat(40), 'p2')],
      ['p2', category('p2', 'y'.repeat(40))],
    ]);
    expect(legacyNameOf(all.get('c')!, all)).toBe('Bullying: Cyber');
    expect(legacyNameOf(all.get('l')!, all)).toHaveLength(60);
    expect(legacyIdOf('Bullying: Cyber')).toBe(legacyIdOf('bullying: cyber '));
    expect(legacyIdOf('Bullying: Cyber')).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
