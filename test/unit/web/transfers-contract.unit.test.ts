/**
 * The web app's Admin > Transfers client (web/src/transfers/transfers-api.ts) against the server's zod
 * contracts (lib/transfers/transfers-api.ts): every answer the contract allows is read without loss, the
 * paths, queries and bodies it sends are ones the contract accepts, and a malformed answer becomes a
 * problem rather than a broken page. Also the filters' round trip through the address and the KCSIE
 * "overdue" rule. Web modules are loaded by a path the root tsconfig does not follow (no DOM library).
 */
import { randomUUID } from 'node:crypto';
import * as contracts from '../../../lib/transfers/transfers-api';
import type { EndpointContract } from '../../../lib/platform/http/endpoint';
import { TRANSFER_STATUSES } from '../../../lib/transfers/transfer';
import { useFetchStub, type SentRequest } from '../../support/web-fetch-stub';

type WebResult = { ok: true; value: unknown } | { ok: false; problem: { title: string; status?: number } };

async function webModule(path: string): Promise<Record<string, unknown>> {
  return (await import(`../../../web/src/${path}`)) as Record<string, unknown>;
}

async function callClient(name: string, ...args: unknown[]): Promise<WebResult> {
  const fn = (await webModule('transfers/transfers-api'))[name];
  if (typeof fn !== 'function') throw new Error(`web/src/transfers/transfers-api.ts has no function ${name}`);
  return (fn as (...args: unknown[]) => Promise<WebResult>)(...args);
}

const TRANSFER_ID = randomUUID();
const OAKFIELD = randomUUID();
const RIVERSIDE = randomUUID();
const PERSON = { personId: randomUUID(), name: 'Dana Shah' };
const HASH = 'a'.repeat(64);

const stub = useFetchStub();

/** The one request sent, checked against the contract's method, path, query and body. */
function sentTo(contract: EndpointContract): SentRequest {
  expect(stub.sent).toHaveLength(1);
  const request = stub.sent[0]!;
  expect(request.method).toBe(contract.method);
  const url = new URL(request.path, 'https://lantern.test');
  expect(url.pathname).toMatch(new RegExp(`^${contract.path.replace(/\{[^}]+\}/g, '[^/?]+')}$`));
  if (contract.query) {
    expect(contract.query.safeParse(Object.fromEntries(url.searchParams)).success).toBe(true);
  }
  if (contract.body) expect(contract.body.safeParse(request.body).success).toBe(true);
  return request;
}

const listing = {
  transferId: TRANSFER_ID,
  direction: 'incoming' as const,
  status: 'Requested' as const,
  pupilId: randomUUID(),
  pupilName: 'Maisie Okafor',
  otherSchoolName: 'Oakfield Primary School (demo)',
  matchedOn: { kind: 'upn' as const, value: 'A999001234561' },
  detectedAt: '2026-11-02T08:00:00.000Z',
  updatedAt: '2026-11-03T09:00:00.000Z',
  dueBy: '2026-11-09',
  receiptConfirmed: false,
};

const fullView = {
  transferId: TRANSFER_ID,
  status: 'Transferred' as const,
  from: { schoolId: OAKFIELD, schoolName: 'Oakfield', pupilId: randomUUID(), pupilName: 'Maisie Okafor' },
  to: { schoolId: RIVERSIDE, schoolName: 'Riverside', pupilId: randomUUID(), pupilName: 'Maisie Okafor' },
  matchedOn: { kind: 'uln' as const, value: '1234567890' },
  detectedAt: '2026-11-02T08:00:00.000Z',
  history: [
    { status: 'Pending' as const, at: '2026-11-02T08:00:00.000Z' },
    { status: 'Requested' as const, at: '2026-11-03T09:00:00.000Z', by: PERSON, schoolId: RIVERSIDE },
    {
      status: 'Transferring' as const,
      at: '2026-11-04T09:00:00.000Z',
      by: PERSON,
      schoolId: OAKFIELD,
      note: 'Sent with the vault',
    },
    { status: 'Transferred' as const, at: '2026-11-04T09:01:00.000Z' },
  ],
  clock: {
    requestedAt: '2026-11-03T09:00:00.000Z',
    newTerm: false,
    dayOne: '2026-11-03',
    dueBy: '2026-11-09',
    remindAt: '2026-11-06T08:00:00.000Z',
    escalateAt: '2026-11-10T08:00:00.000Z',
    remindedAt: '2026-11-06T08:00:01.000Z',
  },
  settingsAtAuthorisation: { categories: [{ categoryId: randomUUID(), name: 'Bullying' }] },
  manifest: {
    producedAt: '2026-11-04T09:01:00.000Z',
    counts: { incidents: 2, actions: 1, files: 1 },
    totalBytes: 2048,
    files: [{ documentId: randomUUID(), fileName: 'note.pdf', sizeBytes: 2048, sha256: HASH }],
    setSha256: 'b'.repeat(64),
  },
  receipt: { confirmedAt: '2026-11-04T10:00:00.000Z', confirmedBy: PERSON, schoolId: RIVERSIDE },
  updatedAt: '2026-11-04T10:00:00.000Z',
  version: 5,
  direction: 'incoming' as const,
  allowed: [],
};

describe('the list', () => {
  it('reads every listing field and sends the filters as a query the contract accepts', async () => {
    const body = stub.answerWith(contracts.listTransfers, {
      items: [listing, { ...listing, dueBy: undefined }],
    });
    const result = await callClient('listTransfers', {
      direction: 'outgoing',
      status: 'Requested',
      actionable: true,
      q: 'A999001234561',
    });
    expect(result).toEqual({ ok: true, value: (body as { items: unknown[] }).items });
    const request = sentTo(contracts.listTransfers);
    expect(new URL(request.path, 'https://lantern.test').searchParams.toString()).toBe(
      'direction=outgoing&status=Requested&actionable=true&q=A999001234561',
    );
  });

  it('asks for every transfer when no filter is set', async () => {
    stub.answerWith(contracts.listTransfers, { items: [] });
    await expect(callClient('listTransfers', {})).resolves.toEqual({ ok: true, value: [] });
    expect(sentTo(contracts.listTransfers).path).toBe('/api/admin/transfers');
  });

  it('turns a listing with an unknown status into a problem, not a page', async () => {
    stub.answer({ items: [{ ...listing, status: 'Lost' }] }, 200);
    const result = await callClient('listTransfers', {});
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem.title).toBe('The list of transfers could not be read');
  });

  it('knows every status the server has', async () => {
    const api = await webModule('transfers/transfers-api');
    expect(api.TRANSFER_STATUSES).toEqual(TRANSFER_STATUSES);
  });

  it('keeps the filters through the address, ignoring values the API would refuse', async () => {
    const api = await webModule('transfers/transfers-api');
    const search = api.transferListSearch as (query: unknown) => string;
    const query = api.transferListQuery as (search: string) => unknown;
    const filters = { direction: 'incoming', status: 'Pending', actionable: true, q: 'oak' };
    expect(query(search(filters))).toEqual(filters);
    expect(query('?direction=sideways&status=Lost&actionable=yes&q=%20%20')).toEqual({});
  });
});

describe('one transfer', () => {
  it('reads the whole view: sides, history, clock, settings in force, manifest and receipt', async () => {
    const body = stub.answerWith(contracts.getTransfer, fullView);
    await expect(callClient('getTransfer', TRANSFER_ID)).resolves.toEqual({ ok: true, value: body });
    expect(sentTo(contracts.getTransfer).path).toBe(`/api/admin/transfers/${TRANSFER_ID}`);
  });

  it('reads a newly detected transfer with only what detection sets', async () => {
    const {
      clock: _clock,
      settingsAtAuthorisation: _settings,
      manifest: _manifest,
      receipt: _receipt,
      ...rest
    } = fullView;
    const pending = {
      ...rest,
      status: 'Pending' as const,
      history: [fullView.history[0]!],
      allowed: ['request' as const, 'dismiss' as const],
    };
    const body = stub.answerWith(contracts.getTransfer, pending);
    await expect(callClient('getTransfer', TRANSFER_ID)).resolves.toEqual({ ok: true, value: body });
  });

  it('refuses a manifest whose file hash is not SHA-256 hex', async () => {
    stub.answer(
      {
        ...fullView,
        manifest: { ...fullView.manifest, files: [{ ...fullView.manifest.files[0], sha256: 'nope' }] },
      },
      200,
    );
    await expect(callClient('getTransfer', TRANSFER_ID)).resolves.toMatchObject({ ok: false });
  });
});

describe('decisions and receipt', () => {
  const decisions = [
    ['request', contracts.requestTransfer],
    ['dismiss', contracts.dismissTransfer],
    ['cancel', contracts.cancelTransfer],
    ['authorise', contracts.authoriseTransfer],
    ['reject', contracts.rejectTransfer],
  ] as const;

  it.each(decisions)('sends %s with the trimmed note, and reads the answer', async (decision, contract) => {
    const body = stub.answerWith(contract, fullView);
    await expect(callClient('decideTransfer', TRANSFER_ID, decision, '  Not our pupil  ')).resolves.toEqual({
      ok: true,
      value: body,
    });
    const request = sentTo(contract);
    expect(request.path).toBe(`/api/admin/transfers/${TRANSFER_ID}/${decision}`);
    expect(request.body).toEqual({ note: 'Not our pupil' });
  });

  it('sends no note when the box was left empty', async () => {
    stub.answerWith(contracts.requestTransfer, fullView);
    await callClient('decideTransfer', TRANSFER_ID, 'request', '   ');
    expect(sentTo(contracts.requestTransfer).body).toEqual({});
  });

  it('passes a 409 on with its detail, for the page to show', async () => {
    stub.answer(
      {
        type: 'urn:lantern:problem:conflict',
        title: 'Conflict',
        status: 409,
        detail: 'This transfer was already authorised by Dana Shah at 2026-11-04T09:00:00.000Z.',
      },
      409,
    );
    const result = await callClient('decideTransfer', TRANSFER_ID, 'authorise');
    expect(result).toMatchObject({
      ok: false,
      problem: { status: 409, detail: expect.stringContaining('already authorised by Dana Shah') as unknown },
    });
  });

  it('confirms receipt with the empty body the contract asks for', async () => {
    const body = stub.answerWith(contracts.confirmTransferReceipt, fullView);
    await expect(callClient('confirmTransferReceipt', TRANSFER_ID)).resolves.toEqual({
      ok: true,
      value: body,
    });
    expect(sentTo(contracts.confirmTransferReceipt).path).toBe(`/api/admin/transfers/${TRANSFER_ID}/receipt`);
  });
});

describe('transfer settings', () => {
  it('reads settings never saved (version 0) and saved ones', async () => {
    let body = stub.answerWith(contracts.getTransferSettings, { categoryIds: [], version: 0 });
    await expect(callClient('fetchTransferSettings')).resolves.toEqual({ ok: true, value: body });
    stub.sent.length = 0;
    body = stub.answerWith(contracts.getTransferSettings, {
      categoryIds: ['c1', 'c2'],
      version: 3,
      updatedAt: '2026-11-01T09:00:00.000Z',
      updatedBy: PERSON,
    });
    await expect(callClient('fetchTransferSettings')).resolves.toEqual({ ok: true, value: body });
    expect(sentTo(contracts.getTransferSettings).path).toBe('/api/admin/transfers/settings');
  });

  it('saves the ticked categories with the version read', async () => {
    const body = stub.answerWith(contracts.updateTransferSettings, { categoryIds: ['c1'], version: 4 });
    await expect(callClient('saveTransferSettings', ['c1'], 3)).resolves.toEqual({ ok: true, value: body });
    expect(sentTo(contracts.updateTransferSettings).body).toEqual({ categoryIds: ['c1'], version: 3 });
  });
});

describe('the KCSIE due date', () => {
  it('is overdue only once the UK day after it has begun', async () => {
    const isOverdue = (await webModule('transfers/transfer-words')).isOverdue as (
      dueBy: string,
      now: Date,
    ) => boolean;
    // 23:30 UTC on 9 November is still 9 November in London (GMT); 00:30 BST on 1 July is 30 June 23:30 UTC.
    expect(isOverdue('2026-11-09', new Date('2026-11-09T23:30:00Z'))).toBe(false);
    expect(isOverdue('2026-11-09', new Date('2026-11-10T00:00:01Z'))).toBe(true);
    expect(isOverdue('2026-06-30', new Date('2026-06-30T23:30:00Z'))).toBe(true);
  });
});
