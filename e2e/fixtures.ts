import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export type Account = { name: string; email: string; password: string; storageState: Awaited<ReturnType<BrowserContext["storageState"]>> };

const runId = Date.now().toString(36);

/** Signs a person up through Quire's own auth endpoint and keeps their session cookies. */
export async function registerAccount(browser: Browser, baseURL: string, name: string): Promise<Account> {
  const context = await browser.newContext({ baseURL });
  const email = `${name.toLowerCase()}.${runId}.${Math.random().toString(36).slice(2, 8)}@quire.test`;
  const password = `${name}-long-password-1`;
  const res = await context.request.post("/api/auth/sign-up/email", {
    data: { name, email, password },
    headers: { origin: baseURL },
  });
  expect(res.ok(), `sign-up of ${name} answered ${res.status()}: ${await res.text()}`).toBe(true);
  const storageState = await context.storageState();
  await context.close();
  return { name, email, password, storageState };
}

type Fixtures = { adaPage: Page; bobPage: Page };
type WorkerFixtures = { ada: Account; bob: Account };

/** Ada and Bob are registered once per worker; each test gets a fresh signed-in page for them. */
export const test = base.extend<Fixtures, WorkerFixtures>({
  ada: [async ({ browser }, use, info) => use(await registerAccount(browser, String(info.project.use.baseURL), "Ada")), { scope: "worker" }],
  bob: [async ({ browser }, use, info) => use(await registerAccount(browser, String(info.project.use.baseURL), "Bob")), { scope: "worker" }],
  adaPage: async ({ browser, ada }, use) => {
    const context = await browser.newContext({ storageState: ada.storageState });
    await use(await context.newPage());
    await context.close();
  },
  bobPage: async ({ browser, bob }, use) => {
    const context = await browser.newContext({ storageState: bob.storageState });
    await use(await context.newPage());
    await context.close();
  },
});

export { expect };
