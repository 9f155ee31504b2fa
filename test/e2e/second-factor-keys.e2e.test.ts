/**
 * Second-factor keys in a real headless Chromium against the local Lantern: adding an authenticator
 * app from the QR code's setup key (codes computed in the test, as an app would), elevating with a
 * code, and adding and elevating with a passkey held by Chromium's virtual authenticator (DevTools
 * WebAuthn domain). The header follows each step. Both tests use Tom Reed, who has no key in the demo
 * seed, one after the other, and remove the key they added, so he ends as he began.
 */
import type { Locator, Page } from 'playwright-core';
import { settledStep, totpForStep } from '../support/reference-totp';
import { collectPageErrors, isExpectedRefusal, useFreshPagePerTest } from './support/browser';
import { demoSchoolName, demoStaff, isApiCall, signInAs } from './support/staff-sign-in';

jest.setTimeout(90_000);

const TEACHER = demoStaff('tom.reed@oakfield.example.org');
const OAKFIELD = demoSchoolName('990001');

const currentPage = useFreshPagePerTest();
let page: Page;

beforeEach(() => {
  page = currentPage();
});

function banner(): Locator {
  return page.getByRole('banner');
}

async function heading(name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** From the header's "Elevate your access" link to an elevated session, by `elevate`. */
async function elevateFromHeader(elevate: () => Promise<void>): Promise<void> {
  await banner().getByRole('link', { name: 'Elevate your access' }).click();
  await heading('Elevate your access');
  await elevate();
  await page
    .getByRole('status')
    .getByText(`Your access is elevated for this session at ${OAKFIELD}.`)
    .waitFor();
  await banner().getByText('Access elevated').waitFor();
  await expect(banner().getByRole('link', { name: 'Elevate your access' }).count()).resolves.toBe(0);
}

/** Removes the key called `label` from "Your keys" (the session is elevated, so it may). */
async function removeKey(label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My keys' }).click();
  await heading('Your keys');
  await page
    .getByRole('row', { name: new RegExp(label) })
    .getByRole('button', { name: `Remove ${label}` })
    .click();
  const removed = page.waitForResponse((response) => response.request().method() === 'DELETE');
  await page.getByRole('button', { name: 'Remove key' }).click();
  expect((await removed).status()).toBe(204);
  await page.getByRole('status').getByText(`Key removed: ${label}`).waitFor();
  // It was the only key: no longer elevated, and the header offers to add one.
  await banner().getByRole('link', { name: 'Add a key' }).waitFor();
}

it('adds an authenticator app from the setup key, elevates with a code, and shows it in the header', async () => {
  const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session'));
  await signInAs(page, TEACHER);

  await banner().getByRole('link', { name: 'Add a key' }).click();
  await heading('Your keys');
  await page.getByRole('button', { name: 'Add an authenticator app' }).click();
  await page.getByRole('img', { name: 'QR code to add Lantern to your authenticator app' }).waitFor();
  const secret = (await page.locator('.secret-key__value').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // The code of the step just gone is still accepted while it rolls over, and then counts as used;
  // the current step's code is left for elevating straight after.
  const step = await settledStep();
  await page.getByLabel('Name for this key').fill('Work phone');
  await page.getByLabel('Code from the app').fill(totpForStep(secret, step - 1));
  await page.getByRole('button', { name: 'Add authenticator app' }).click();
  await page.getByRole('status').getByText('Key added: Work phone').waitFor();
  await page
    .getByRole('row', { name: /Work phone/ })
    .getByText('Authenticator app')
    .waitFor();
  // The secret is not left on the page once the app is added.
  await expect(page.locator('.secret-key__value').count()).resolves.toBe(0);

  await elevateFromHeader(async () => {
    await page.getByLabel('Code from your authenticator app').fill(totpForStep(secret, await settledStep()));
    const answer = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/auth/elevate'));
    await page.getByRole('button', { name: 'Elevate with code' }).click();
    expect((await answer).status()).toBe(200);
  });

  await removeKey('Work phone');
  expect(problems.errors).toEqual([]);
});

it('adds a passkey with the browser’s authenticator and elevates with it', async () => {
  const problems = collectPageErrors(page, isExpectedRefusal('/api/auth/session'));
  // Chromium's virtual authenticator: a platform passkey that verifies the user without a prompt.
  const devTools = await page.context().newCDPSession(page);
  await devTools.send('WebAuthn.enable');
  const { authenticatorId } = await devTools.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await signInAs(page, TEACHER);
  await banner().getByRole('link', { name: 'Add a key' }).click();
  await heading('Your keys');
  await page.getByRole('button', { name: 'Add a security key or passkey' }).click();
  await page.getByLabel('Name for this key').fill('Laptop passkey');
  const confirmed = page.waitForResponse((response) =>
    isApiCall(response, 'POST', '/api/auth/keys/webauthn/confirm'),
  );
  await page.getByRole('button', { name: 'Continue with your key' }).click();
  expect((await confirmed).status()).toBe(201);
  await page.getByRole('status').getByText('Key added: Laptop passkey').waitFor();
  await page
    .getByRole('row', { name: /Laptop passkey/ })
    .getByText('Security key or passkey')
    .waitFor();

  const { credentials } = await devTools.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.rpId).toBe('localhost');
  const signCountAfterRegistration = credentials[0]!.signCount;

  await elevateFromHeader(async () => {
    const answer = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/auth/elevate'));
    await page.getByRole('button', { name: 'Use security key or passkey' }).click();
    expect((await answer).status()).toBe(200);
  });
  const after = await devTools.send('WebAuthn.getCredentials', { authenticatorId });
  expect(after.credentials[0]!.signCount).toBeGreaterThan(signCountAfterRegistration);

  await removeKey('Laptop passkey');
  expect(problems.errors).toEqual([]);
});
