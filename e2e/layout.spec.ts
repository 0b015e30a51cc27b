import { test, expect } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { manuscript, openFirstChapter, selectParagraph } from "./editor-pages";

const SCREENS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1280, height: 800 },
];

/** The page is no wider than the screen: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("load");
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth }));
  expect(widths.page, `${path} is ${widths.page} px wide on a ${widths.screen} px screen`).toBeLessThanOrEqual(widths.screen);
}

async function adminPage(browser: Browser, baseURL: string, viewport: { width: number; height: number }) {
  const page = await (await browser.newContext({ baseURL, viewport })).newPage();
  await page.goto("/sign-in?next=%2Fadmin");
  await page.getByLabel("Email").fill("admin@quire.local");
  await page.getByLabel("Password").fill("quire-admin-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  return page;
}

for (const screen of SCREENS) {
  test(`no page scrolls sideways on a ${screen.width} px ${screen.name}, and the header's links are reachable`, async ({ adaPage: page, browser, baseURL }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(screen);
    await openFirstChapter(page, `Fits on a ${screen.name}`);
    const chapterUrl = page.url();
    const bookUrl = chapterUrl.split("/chapters/")[0]!;
    for (const path of ["/library", bookUrl, chapterUrl, "/credits", "/api-keys", "/playground", "/books/new", "/account"]) await expectNoSidewaysScroll(page, path);

    // The header: links in a row on a wide screen, behind a menu on a narrow one; Sign out in reach either way.
    await page.goto("/library");
    if (screen.width < 768) {
      await expect(page.getByRole("link", { name: "Credits", exact: true })).toBeHidden();
      await page.getByText("Menu", { exact: true }).click();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
      await page.getByRole("link", { name: "Credits", exact: true }).click();
      await expect(page).toHaveURL(/\/credits$/);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
    } else {
      await expect(page.getByText("Menu", { exact: true })).toBeHidden();
      await expect(page.getByRole("link", { name: "Credits", exact: true })).toBeInViewport();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
    }

    const admin = await adminPage(browser, String(baseURL), screen);
    for (const path of ["/admin", "/admin/users", "/admin/health", "/admin/ab"]) await expectNoSidewaysScroll(admin, path);
    await admin.context().close();
  });

  test(`on a ${screen.width} px ${screen.name}, the suggestion bar is in view after selecting text at the end of a long chapter`, async ({ adaPage: page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(screen);
    await openFirstChapter(page, `Long chapter on a ${screen.name}`);
    const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}: Maren counted the ships until the fog came in, and then she counted the bells over the harbour.`);
    await manuscript(page).click();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      document.querySelector("[data-testid=manuscript]")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, paragraphs.join("\n\n"));
    await expect(manuscript(page).locator("p")).toHaveCount(60);

    await selectParagraph(page, 59);
    const last = manuscript(page).locator("p").nth(59);
    await expect(last).toBeInViewport();
    const bar = page.getByRole("toolbar", { name: "Suggestions" });
    await expect(bar.getByRole("button", { name: "Improve" })).toBeInViewport();
    await expect(page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Bold" })).toBeInViewport();
    // The page has scrolled far past the top, and the bar came with it.
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);

    await bar.getByRole("button", { name: "Improve" }).click();
    await expect(page.getByTestId("suggestion-panel")).toBeInViewport();
    await expect(page.getByTestId("suggestion-panel")).toHaveAttribute("data-status", "done", { timeout: 30_000 });
    await expect(page.getByTestId("suggestion-panel").getByRole("button").last()).toBeInViewport();
  });
}
