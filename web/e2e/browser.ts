/** Headless Chromium (Debian's package) driven by playwright-core, plus the built page served. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serve } from './server.js';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, '..', 'dist');
export const ARTIFACTS = join(here, 'artifacts');
export const CHROMIUM = process.env.LRKIT_CHROMIUM ?? '/usr/bin/chromium';

export interface Session {
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/** Serves web/dist and launches Chromium. */
export async function start(): Promise<Session> {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(
      `web/dist/index.html is missing: run \`npm run build:web\` first (npm run test:e2e does)`,
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's chromium package or set LRKIT_CHROMIUM`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serve(DIST);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    url: server.url,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export interface Watched {
  page: Page;
  /** Console errors, page errors and dialogs seen so far. */
  problems: string[];
  dialogs: string[];
}

/** A new page at `url` that records console errors, uncaught errors and dialogs. */
export async function open(
  session: Session,
  hash = '',
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<Watched> {
  const ctx = await session.browser.newContext({
    viewport: options.viewport ?? { width: 1360, height: 950 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await ctx.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(session.url + hash);
  await page.waitForSelector('#summary tbody tr');
  return { page, problems, dialogs };
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}
