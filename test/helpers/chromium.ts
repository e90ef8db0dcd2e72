/** Debian's chromium for the browser tests, or a failure that says how to install it. */
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/** Headless Debian chromium with the flags this machine needs (see the README's prerequisites). */
export async function launchChromium(executablePath = chromiumPath): Promise<Browser> {
  if (!fs.existsSync(executablePath)) {
    // playwright's own message ("Executable doesn't exist") would point at its browser download, which fails here.
    throw new Error(`Debian's chromium is missing (${executablePath}); the browser tests need it. Install it with: sudo apt-get install chromium`);
  }
  return chromium.launch({ executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
}
