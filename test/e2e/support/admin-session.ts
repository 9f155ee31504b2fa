/**
 * An elevated admin session for the admin e2e tests: a demo key holder signs in and elevates with a
 * code computed from their demo TOTP secret (local/demo-seed.ts), as their authenticator app would.
 *
 * A code works once per person (the server records the time step it used), so every elevation of the
 * same person across the whole e2e run needs a time step of its own. One elevated browser context is
 * therefore shared by the tests of a file (each test still gets its own page and its own data), and
 * before elevating we wait, if need be, for a step later than the person's last elevation.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import type { DemoStaff } from '../../../local/demo-seed';
import { currentStep, settledStep, totpForStep, TOTP_PERIOD_SECONDS } from '../../support/reference-totp';
import { launchBrowser, lanternUrl } from './browser';
import type { SignedInView } from './staff-sign-in';

const ELEVATION_ATTEMPTS = 3;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Signs in through the API: the context's cookie jar keeps the session for its pages. */
export async function signInThroughApi(
  request: APIRequestContext,
  email: string,
  password: string,
): Promise<SignedInView> {
  const response = await request.post(lanternUrl('/api/auth/sign-in'), { data: { email, password } });
  if (response.status() !== 200) {
    throw new Error(`Signing in as ${email} was answered ${response.status()}: ${await response.text()}`);
  }
  return (await response.json()) as SignedInView;
}

/** The time step of the person's most recent elevation, from their own security log. */
async function lastElevationStep(request: APIRequestContext): Promise<number | undefined> {
  const response = await request.get(lanternUrl('/api/auth/security-log?limit=100'));
  if (!response.ok()) throw new Error(`Reading the security log was answered ${response.status()}`);
  const { items } = (await response.json()) as { items: { type: string; at: string }[] };
  const elevated = items.find((item) => item.type === 'elevated');
  return elevated ? currentStep(Date.parse(elevated.at)) : undefined;
}

/** Waits until `step` has passed, so the next code is one the server has not seen. */
async function waitForStepAfter(step: number): Promise<void> {
  const nextStepStartsAt = (step + 1) * TOTP_PERIOD_SECONDS * 1000;
  const wait = nextStepStartsAt - Date.now();
  if (wait > 0) await sleep(wait + 250);
}

/**
 * A code from the member's demo authenticator app that the server has not seen: from a time step after
 * their last elevation (waiting for it if need be), with a few seconds of the step left to use it in.
 */
export async function freshDemoCode(
  request: APIRequestContext,
  member: DemoStaff,
): Promise<{ code: string; step: number }> {
  const secret = member.totpSecret;
  if (!secret) throw new Error(`${member.email} has no demo TOTP secret in local/demo-seed.ts`);
  const used = await lastElevationStep(request);
  if (used !== undefined) await waitForStepAfter(used);
  const step = await settledStep(5);
  return { code: totpForStep(secret, step), step };
}

/** Elevates the session in `request`'s cookie jar with the member's demo authenticator app. */
export async function elevateWithDemoKey(
  request: APIRequestContext,
  member: DemoStaff,
  csrfToken: string,
): Promise<void> {
  const answers: string[] = [];
  for (let attempt = 0; attempt < ELEVATION_ATTEMPTS; attempt += 1) {
    const { code, step } = await freshDemoCode(request, member);
    const response = await request.post(lanternUrl('/api/auth/elevate'), {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { method: 'totp', code },
    });
    if (response.ok()) return;
    answers.push(`${response.status()} ${await response.text()}`);
    // Another test file may have used this step for the same person a moment ago: try the next one.
    if (response.status() !== 400) break;
    await waitForStepAfter(step);
  }
  throw new Error(`Elevating ${member.email} was refused: ${answers.join('; ')}`);
}

export interface ElevatedAdmin {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly view: SignedInView;
}

/**
 * Registers jest hooks: one browser and one signed-in, elevated context for the file, and a new page
 * in it for each test. Returns a getter for the current test's page, context and session.
 */
export function useElevatedAdmin(member: DemoStaff): () => ElevatedAdmin {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let view: SignedInView | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-GB' });
    view = await signInThroughApi(context.request, member.email, member.password);
    await elevateWithDemoKey(context.request, member, view.csrfToken);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  beforeEach(async () => {
    if (!context) throw new Error('The elevated admin context did not start');
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });
  afterEach(async () => {
    await page?.close();
  });
  return () => {
    if (!page || !context || !view)
      throw new Error('No page: useElevatedAdmin() gives pages only inside tests');
    return { page, context, view };
  };
}
