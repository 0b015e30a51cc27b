import type { Page } from "@playwright/test";
import { test, expect, registerAccount } from "./fixtures";
import { createBookThroughForm, credits, signInAsAdmin } from "./pages";
import { manuscript, selectParagraph } from "./editor-pages";

const badge = (page: Page) => page.getByTestId("header-balance");

test("an author writes a chapter and takes one suggestion; the credits page, the header badge and the admin dashboard show the same number", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const author = await registerAccount(browser, String(baseURL), "Ines");
  const context = await browser.newContext({ storageState: author.storageState });
  const page = await context.newPage();

  await page.goto("/credits");
  const before = credits(await page.getByTestId("credit-balance").innerText());
  await expect(badge(page)).toHaveText(before.toLocaleString("en"));

  // The chapters, written by a job: the badge follows the spend live, with no reload.
  await createBookThroughForm(page, "The Tide Clerk", { premise: "Maren, a lighthouse keeper, finds letters from the future.", chapters: 2, wordsPerChapter: 300 });
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(2);
  await page.getByRole("button", { name: "Write all" }).click();
  const chapters = page.getByTestId("manuscript-chapter");
  await expect(chapters.nth(1)).toHaveAttribute("data-status", "written", { timeout: 90_000 });
  await expect(chapters.nth(0)).toHaveAttribute("data-status", "written");
  await expect(page.getByTestId("book-progress")).toContainText("job succeeded");
  await expect.poll(async () => credits(await badge(page).innerText())).toBeLessThan(before);
  const afterChapters = credits(await badge(page).innerText());

  // One suggestion, taken: the badge moves again, still without a reload.
  await page.getByRole("link", { name: "Edit", exact: true }).first().click();
  await expect(manuscript(page)).toBeVisible();
  await manuscript(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  // A sentence of its own each run: a suggestion answered from the cache costs nothing, and would not move the badge.
  await page.keyboard.type(`i saw teh cat on the quay. it was was big. the tide rose ${Date.now() % 100_000} feet`);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await selectParagraph(page, "teh cat");
  await page.getByRole("button", { name: "Fix grammar" }).click();
  const panel = page.getByTestId("suggestion-panel");
  await expect(panel).toHaveAttribute("data-status", "done");
  await panel.getByRole("button", { name: "Accept" }).click();
  await expect(manuscript(page)).toContainText("I saw the cat on the quay.");
  await expect.poll(async () => credits(await badge(page).innerText())).toBeLessThan(afterChapters);
  const shown = credits(await badge(page).innerText());

  // The credits page: the same balance, and its usage is exactly what the balance dropped by.
  await page.goto("/credits");
  await expect(page.getByTestId("credit-balance")).toHaveText(shown.toLocaleString("en"));
  await expect(badge(page)).toHaveText(shown.toLocaleString("en"));
  const usageRows = page.getByTestId("usage-by-task").locator("tr[data-task]");
  const perTask = await usageRows.evaluateAll((rows) => rows.map((r) => r.querySelector("td:last-child")?.textContent ?? "0"));
  const used = perTask.map(credits).reduce((a, b) => a + b, 0);
  expect(used).toBe(before - shown);
  await context.close();

  // The admin's dashboard: the same credits against this author today.
  const admin = await browser.newPage();
  await signInAsAdmin(admin, "/admin?range=today");
  const row = admin.getByTestId("top-user-row").filter({ hasText: author.email });
  await expect(row).toHaveCount(1);
  expect(credits(await row.locator("td").nth(2).innerText())).toBe(before - shown);
  await admin.close();
});
