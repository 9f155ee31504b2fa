/**
 * The web app's category and agency API modules (web/src/api/categories.ts, agencies.ts) against the
 * server's zod contracts (lib/categories/categories-api.ts): every answer the contract allows is read by
 * the web parser without loss, and every body the web app sends is one the contract accepts.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as contracts from '../../../lib/categories/categories-api';
import type { EndpointContract } from '../../../lib/platform/http/endpoint';

type WebResult = { ok: true; value: unknown } | { ok: false; problem: unknown };

/** The web modules are written against the DOM library the root tsconfig leaves out, so they load by path. */
async function callWeb(module: string, name: string, ...args: unknown[]): Promise<WebResult> {
  const loaded = (await import(`../../../web/src/api/${module}`)) as Record<string, unknown>;
  const fn = loaded[name];
  if (typeof fn !== 'function') throw new Error(`web/src/api/${module}.ts has no function ${name}`);
  return (fn as (...args: unknown[]) => Promise<WebResult>)(...args);
}

const SCHOOL_ID = randomUUID();
const GROUP_ID = randomUUID();
const AT = '2026-03-02T09:30:00.000Z';
const EVERYTHING = { viewStudents: true, viewIncidents: true, addIncidents: true };

interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

let answerBody: unknown;
let answerStatus = 200;
let sent: SentRequest[] = [];

beforeEach(() => {
  sent = [];
  answerStatus = 200;
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'https://lantern.test',
    );
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    });
    return Promise.resolve(
      answerStatus === 204
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify(answerBody), {
            status: answerStatus,
            headers: { 'Content-Type': 'application/json' },
          }),
    );
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

function answerWith<C extends EndpointContract>(contract: C, body: z.input<C['response']>): void {
  answerBody = JSON.parse(JSON.stringify(contract.response.parse(body))) as unknown;
  answerStatus = contract.successStatus;
}

/** The one request made matches the contract's method and path, and its body passes the contract. */
function expectSentTo(contract: EndpointContract): void {
  expect(sent).toHaveLength(1);
  const [request] = sent as [SentRequest];
  expect(request.method).toBe(contract.method);
  expect(request.path).toMatch(new RegExp(`^${contract.path.replace(/\{[^}]+\}/g, '[^/]+')}$`));
  if (contract.body) expect(contract.body.safeParse(request.body).error?.issues ?? []).toEqual([]);
  else expect(request.body).toBeUndefined();
}

const parent = {
  categoryId: randomUUID(),
  schoolId: SCHOOL_ID,
  name: 'Bullying',
  colour: '#e53935',
  disabled: false,
  createdAt: AT,
  updatedAt: AT,
  version: 3,
};
const sub = {
  ...parent,
  categoryId: randomUUID(),
  name: 'Cyber',
  colour: '#ef9a9a',
  parentId: parent.categoryId,
  disabled: true,
  version: 1,
};
/** A category as the web app keeps it: without the school and timestamps. */
function webCategory(category: typeof parent & { parentId?: string }) {
  const { schoolId: _schoolId, createdAt: _createdAt, updatedAt: _updatedAt, ...kept } = category;
  return kept;
}

const agency = {
  agencyId: randomUUID(),
  schoolId: SCHOOL_ID,
  name: 'CAMHS',
  disabled: false,
  createdAt: AT,
  updatedAt: AT,
  version: 2,
};
const webAgency = { agencyId: agency.agencyId, name: 'CAMHS', disabled: false, version: 2 };

describe('categories', () => {
  it('reads the hierarchy a member of staff is given', async () => {
    const view = {
      categoryId: parent.categoryId,
      name: 'Bullying',
      colour: '#e53935',
      disabled: false,
      mayAdd: true,
      mayView: false,
    };
    const subView = {
      ...view,
      categoryId: sub.categoryId,
      name: 'Cyber',
      colour: '#ef9a9a',
      disabled: true,
      mayAdd: false,
    };
    answerWith(contracts.listCategories, { items: [{ ...view, subCategories: [subView] }] });
    await expect(callWeb('categories', 'listCategoryTree')).resolves.toEqual({
      ok: true,
      value: [{ ...view, subCategories: [subView] }],
    });
    expectSentTo(contracts.listCategories);
  });

  it('reads the admin list with each group’s default', async () => {
    const groups = [{ groupId: GROUP_ID, name: 'Teachers', newCategoryDefault: EVERYTHING }];
    answerWith(contracts.listAdminCategories, { items: [parent, sub], groups });
    await expect(callWeb('categories', 'listAdminCategories')).resolves.toEqual({
      ok: true,
      value: { categories: [webCategory(parent), webCategory(sub)], groups },
    });
    expectSentTo(contracts.listAdminCategories);
  });

  it.each([
    [
      'createCategory',
      () =>
        callWeb('categories', 'createCategory', {
          name: 'Cyber',
          colour: '#ef9a9a',
          parentId: parent.categoryId,
          groupPermissions: { [GROUP_ID]: EVERYTHING },
        }),
      contracts.createCategory,
    ],
    [
      'updateCategory',
      () => callWeb('categories', 'updateCategory', sub.categoryId, { name: 'Online' }, 1),
      contracts.updateCategory,
    ],
    [
      'disableCategory',
      () => callWeb('categories', 'disableCategory', sub.categoryId),
      contracts.disableCategory,
    ],
    [
      'enableCategory',
      () => callWeb('categories', 'enableCategory', sub.categoryId),
      contracts.enableCategory,
    ],
  ] as const)(
    '%s sends what the contract takes and reads the category it answers with',
    async (_name, call, contract) => {
      answerWith(contract, sub);
      await expect(call()).resolves.toEqual({ ok: true, value: webCategory(sub) });
      expectSentTo(contract);
    },
  );

  it('merges a category, reading whether the merge is done', async () => {
    answerWith(contracts.mergeCategory, {
      done: false,
      category: { ...sub, mergingInto: parent.categoryId },
    });
    await expect(
      callWeb('categories', 'mergeCategory', sub.categoryId, parent.categoryId, 'Cyber'),
    ).resolves.toEqual({
      ok: true,
      value: { done: false, category: { ...webCategory(sub), mergingInto: parent.categoryId } },
    });
    expectSentTo(contracts.mergeCategory);
  });

  it('deletes a category', async () => {
    answerStatus = contracts.deleteCategory.successStatus;
    await expect(callWeb('categories', 'deleteCategory', sub.categoryId)).resolves.toEqual({
      ok: true,
      value: true,
    });
    expectSentTo(contracts.deleteCategory);
  });
});

describe('agencies', () => {
  it('reads the agencies', async () => {
    answerWith(contracts.listAgencies, { items: [agency] });
    await expect(callWeb('agencies', 'listAgencies')).resolves.toEqual({ ok: true, value: [webAgency] });
    expectSentTo(contracts.listAgencies);
  });

  it.each([
    ['createAgency', () => callWeb('agencies', 'createAgency', 'CAMHS'), contracts.createAgency],
    [
      'renameAgency',
      () => callWeb('agencies', 'renameAgency', agency.agencyId, 'CAMHS', 1),
      contracts.updateAgency,
    ],
    ['disableAgency', () => callWeb('agencies', 'disableAgency', agency.agencyId), contracts.disableAgency],
    ['enableAgency', () => callWeb('agencies', 'enableAgency', agency.agencyId), contracts.enableAgency],
  ] as const)(
    '%s sends what the contract takes and reads the agency it answers with',
    async (_name, call, contract) => {
      answerWith(contract, agency);
      await expect(call()).resolves.toEqual({ ok: true, value: webAgency });
      expectSentTo(contract);
    },
  );
});
