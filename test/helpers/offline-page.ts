/** A page opened from file:// with every request off the machine blocked and recorded, and its console errors collected. */
import type { Browser, Page } from 'playwright-core';

export interface OfflinePage {
  page: Page;
  /** URLs the page asked for that are not file:, data: or blob: (each one blocked). */
  offMachine: string[];
  consoleErrors: string[];
}

const onMachine = ['file:', 'data:', 'blob:'];

export async function openOffline(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<OfflinePage> {
  const page = await browser.newPage({ viewport });
  const opened: OfflinePage = { page, offMachine: [], consoleErrors: [] };
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    if (onMachine.some((scheme) => requested.startsWith(scheme))) return route.continue();
    opened.offMachine.push(requested);
    return route.abort();
  });
  page.on('console', (message) => { if (message.type() === 'error') opened.consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => opened.consoleErrors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  return opened;
}

/** Waits until the element's data-state is one of `states`, and returns it. */
export async function waitForState(page: Page, selector: string, states: string[], timeout = 600_000): Promise<string> {
  const handle = await page.waitForFunction(
    ([found, wanted]) => {
      const state = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } })
        .document.querySelector(found)?.getAttribute('data-state');
      return state !== undefined && state !== null && wanted.includes(state) ? state : false;
    },
    [selector, states] as const, { timeout, polling: 200 });
  return await handle.jsonValue() as string;
}
