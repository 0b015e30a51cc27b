import { test, expect, registerAccount } from "./fixtures";
import { createBookThroughForm, credits, signInAsAdmin } from "./pages";

test("an author generates an outline; the admin's dashboard shows it against the model and task, and the author's credits page shows the charge", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const author = await registerAccount(browser, String(baseURL), "Gwen");
  const context = await browser.newContext({ storageState: author.storageState });
  const page = await context.newPage();

  await page.goto("/credits");
  const before = credits(await page.getByTestId("credit-balance").innerText());

  await createBookThroughForm(page, "The Salt Ledger", { premise: "A harbour clerk finds that the tide tables predict crimes.", chapters: 3, wordsPerChapter: 300 });
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(3);

  // The author's side: the charge in the history, the usage by task, and a balance lower by exactly that.
  await page.goto("/credits");
  await expect(page.getByTestId("credit-history").locator('tr[data-type="AI_USAGE"]').first()).toContainText("Outline: The Salt Ledger");
  const outlineUsage = page.getByTestId("usage-by-task").locator('tr[data-task="outline"]');
  await expect(outlineUsage).toBeVisible();
  const charged = credits(await outlineUsage.locator("td").last().innerText());
  expect(charged).toBeGreaterThan(0);
  await expect(page.getByTestId("credit-balance")).toHaveText((before - charged).toLocaleString("en"));
  await context.close();

  // The admin's side: today's outline spend on the demo model, with the author among the top users.
  const admin = await browser.newPage();
  await signInAsAdmin(admin, "/admin?range=today&task=outline&model=quire-demo");
  await expect(admin.locator('[data-testid="model-row"][data-key="quire-demo"]')).toBeVisible();
  await expect(admin.locator('[data-testid="task-row"][data-key="outline"]')).toBeVisible();
  const row = admin.getByTestId("top-user-row").filter({ hasText: author.email });
  await expect(row).toHaveCount(1);
  expect(credits(await row.locator("td").nth(2).innerText())).toBe(charged);
  await admin.close();
});
