/**
 * Signing in as the seeded demo staff (local/demo-seed.ts) through the real sign-in form, for e2e tests
 * of the signed-in app. Tests that refuse a sign-in use a throwaway unknown address instead, so the
 * demo accounts never build up failed attempts towards a lockout.
 */
import type { Page, Response } from 'playwright-core';
import { DEMO_SCHOOLS, DEMO_STAFF, type DemoStaff } from '../../../local/demo-seed';
import { lanternUrl } from './browser';

/** What the sign-in answer carries that the tests look at (lib/identity/auth-api.ts SessionViewSchema). */
export interface SignedInView {
  person: { personId: string; email: string; displayName: string };
  school: { schoolId: string; name: string };
  schools: { schoolId: string; name: string }[];
  csrfToken: string;
  idleTimeoutSeconds: number;
}

export function demoStaff(email: string): DemoStaff {
  const member = DEMO_STAFF.find((candidate) => candidate.email === email);
  if (!member) throw new Error(`${email} is not one of the demo staff in local/demo-seed.ts`);
  return member;
}

export function demoSchoolName(urn: string): string {
  const school = DEMO_SCHOOLS.find((candidate) => candidate.urn === urn);
  if (!school) throw new Error(`No demo school has URN ${urn}`);
  return school.name;
}

export function isApiCall(response: Response, method: string, path: string): boolean {
  return response.request().method() === method && new URL(response.url()).pathname === path;
}

/** Fills in and submits the sign-in form; resolves with the API's answer. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<Response> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  const answer = page.waitForResponse((response) => isApiCall(response, 'POST', '/api/auth/sign-in'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  return answer;
}

/** Opens Lantern, signs in as a demo member of staff and waits for the home page. */
export async function signInAs(page: Page, member: DemoStaff): Promise<SignedInView> {
  await page.goto(lanternUrl('/'));
  const response = await submitSignIn(page, member.email, member.password);
  if (response.status() !== 200) {
    throw new Error(
      `Signing in as ${member.email} was answered ${response.status()}: ${await response.text()}`,
    );
  }
  await page.getByRole('heading', { level: 1, name: `Signed in as ${member.displayName}` }).waitFor();
  return (await response.json()) as SignedInView;
}
