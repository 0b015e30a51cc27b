import type { APIResponse, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { manuscript, openFirstChapter, writeParagraph } from "./editor-pages";

function expectSecurityHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'/);
  expect(csp, what).toContain("object-src 'none'");
  expect(h["strict-transport-security"], what).toMatch(/max-age=\d{7,}/);
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-powered-by"], what).toBeUndefined();
}

/** Collects every CSP violation the page reports, from the first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

test("pages, route handlers and errors carry the security headers, with a fresh script nonce each time", async ({ page, adaPage }) => {
  for (const path of ["/", "/sign-in", "/sign-up", "/api/health", "/no-such-page"]) {
    expectSecurityHeaders(await page.request.get(path), path);
  }
  for (const path of ["/library", "/account", "/api-keys"]) {
    const res = await adaPage.request.get(path);
    expect(res.status(), path).toBe(200);
    expectSecurityHeaders(res, path);
  }
  const nonces = await Promise.all([1, 2].map(async () => (await page.request.get("/sign-in")).headers()["content-security-policy"]!.match(/'nonce-([^']+)'/)![1]));
  expect(nonces[0]).not.toBe(nonces[1]);
  // Next stamps the same nonce on the scripts it renders: the page's own HTML says so.
  const res = await page.request.get("/sign-in");
  const nonce = res.headers()["content-security-policy"]!.match(/'nonce-([^']+)'/)![1]!;
  const html = await res.text();
  expect(html).toContain(`nonce="${nonce}"`);
  // A client cannot choose the nonce: one sent with the request is replaced.
  const forged = await page.request.get("/sign-in", { headers: { "content-security-policy": "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='" } });
  expect(forged.headers()["content-security-policy"]).not.toContain("AAAAAAAAAAAAAAAAAAAAAA==");
  expect(await forged.text()).not.toContain('nonce="AAAAAAAAAAAAAAAAAAAAAA=="');
});

test("under the policy the app still hydrates and works: sign-in, book page with its cover, editor, download", async ({ browser, ada }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = await watchViolations(page);
  await page.goto("/sign-in?next=%2Flibrary");
  await page.getByLabel("Email").fill(ada.email);
  await page.getByLabel("Password").fill(ada.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/library$/);

  await openFirstChapter(page, "The Guarded Lighthouse");
  await writeParagraph(page, "The lamp turned all night.");
  await expect(manuscript(page)).toContainText("The lamp turned all night.");
  expect(await violations(), "CSP violations in the editor").toEqual([]);

  await page.goBack();
  const cover = page.getByTestId("book-cover");
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  // The cover's SVG keeps its own stricter policy (nothing may run), and cannot be framed either.
  const served = await page.request.get((await cover.getAttribute("src"))!);
  expect(served.headers()["content-security-policy"]).toMatch(/sandbox.*frame-ancestors 'none'/);
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-md").click()]);
  expect(file.suggestedFilename()).toBe("The Guarded Lighthouse.md");
  expect(await violations(), "CSP violations on the book page").toEqual([]);
  await context.close();
});

test("the app cannot be framed by another page", async ({ page, baseURL }) => {
  await page.setContent(`<iframe id="f" src="${baseURL}/sign-in"></iframe>`);
  // frame-ancestors 'none': Chromium refuses to show the page and the frame ends on its error page.
  await expect.poll(() => page.frames().find((f) => f !== page.mainFrame())?.url()).toMatch(/^chrome-error:/);
});
