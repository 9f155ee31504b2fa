/**
 * The SES stand-in's mailbox, for e2e tests that follow an emailed link. global-setup.ts starts the
 * local Lantern in the jest parent process, which puts the stand-in's address in the environment
 * (AWS_ENDPOINT_URL_SESV2) that the test workers inherit.
 */
export interface StoredMail {
  readonly subject: string;
  readonly destination: { to: string[] };
  readonly body: { text: string };
}

function mailboxUrl(): string {
  const endpoint = process.env.AWS_ENDPOINT_URL_SESV2;
  if (!endpoint)
    throw new Error('AWS_ENDPOINT_URL_SESV2 is not set: run the e2e tests with `npm run test:e2e`.');
  return `${endpoint.replace(/\/+$/, '')}/store`;
}

/** Every mail the stand-in accepted for `address`, oldest first. */
export async function mailTo(address: string): Promise<StoredMail[]> {
  // The stand-in wants an Authorization header, as a signed SDK request would carry; any value does.
  const response = await fetch(mailboxUrl(), { headers: { Authorization: 'AWS4-HMAC-SHA256 e2e' } });
  if (!response.ok) throw new Error(`The mailbox answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: StoredMail[] };
  return emails.filter((mail) => mail.destination.to.includes(address));
}

/** The token of the newest password link mailed to `address`, waiting up to `timeoutMs` for it. */
export async function passwordLinkTokenFor(address: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const newest = (await mailTo(address)).at(-1);
    const token = /\/set-password\?token=(pw_[A-Za-z0-9_-]{43})/.exec(newest?.body.text ?? '')?.[1];
    if (token) return token;
    if (Date.now() > deadline) throw new Error(`No password link reached ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
