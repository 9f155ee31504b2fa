/**
 * Headless Chromium for the e2e tests: Debian's chromium driven by playwright-core (Playwright cannot
 * download its own browsers here). CHROMIUM_PATH overrides where the binary is.
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${executablePath}: the e2e tests need it. Install it with ` +
        '`apt-get install -y chromium` (or run `.ci/run`), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
}

/** An absolute URL on the Lantern that global-setup.ts started. */
export function lanternUrl(path = '/'): string {
  const base = process.env.LANTERN_E2E_URL;
  if (!base) throw new Error('LANTERN_E2E_URL is not set: run the e2e tests with `npm run test:e2e`.');
  return new URL(path, base).toString();
}

export interface PageProblems {
  /** Console errors and uncaught exceptions, with where they came from. */
  readonly errors: string[];
}

/** Records every console error and uncaught page exception from this page. */
export function collectPageErrors(
  page: Page,
  ignore: (message: ConsoleMessage) => boolean = () => false,
): PageProblems {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !ignore(message)) {
      errors.push(`console error: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => errors.push(`uncaught exception: ${error.message}`));
  return { errors };
}

/**
 * Ignores the console error Chromium itself logs for an API answer that is a refusal by design: a
 * signed-out page load asks GET /api/auth/session and is told 401, and a refused sign-in is a 401 too.
 */
export function isExpectedRefusal(...apiPaths: string[]): (message: ConsoleMessage) => boolean {
  return (message) =>
    message.text().startsWith('Failed to load resource') &&
    apiPaths.includes(new URL(message.location().url, lanternUrl('/')).pathname);
}

/**
 * Registers jest hooks: one browser per test file and a fresh context (no cookies, en-GB) and page per
 * test. Returns a getter for the current test's page.
 */
export function useFreshPagePerTest(): () => Page {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('The browser did not start');
    context = await browser.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });
  afterEach(async () => {
    await context?.close();
  });
  return () => {
    if (!page) throw new Error('No page: useFreshPagePerTest() gives pages only inside tests');
    return page;
  };
}
