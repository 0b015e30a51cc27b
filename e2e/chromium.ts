// Where the e2e tests and the browser benchmarks find Chromium, and how they start it: Debian's
// build (installed by .ci/run), headless, without a sandbox. Playwright's own browser download is
// not used, so a machine without network access to it still runs everything.
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Fails with a sentence saying what is missing, before a benchmark spends a minute building. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing: nothing at ${CHROMIUM_PATH}. Install Debian's build (apt-get install chromium) ` +
        `or set CHROMIUM_PATH to a Chromium executable.`,
    );
  }
  return CHROMIUM_PATH;
}
