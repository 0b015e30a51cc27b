import { test, expect, registerAccount } from "./fixtures";

// A new author of its own: the shared Ada has spent in other specs by now, and the welcome grant of a
// busy account is no longer on the history's first page.
test("an author's credits page shows the balance and the welcome grant in the history", async ({ browser, baseURL }) => {
  const dee = await registerAccount(browser, String(baseURL), "Dee");
  const page = await (await browser.newContext({ storageState: dee.storageState })).newPage();
  await page.goto("/credits");
  await expect(page.getByRole("heading", { name: "Credits", exact: true })).toBeVisible();
  const balance = Number((await page.getByTestId("credit-balance").innerText()).replace(/,/g, ""));
  expect(balance).toBeGreaterThan(0);
  await expect(page.getByTestId("header-balance")).toHaveText(balance.toLocaleString("en"));
  const history = page.getByTestId("credit-history");
  await expect(history.locator('tr[data-type="SIGNUP_GRANT"]')).toContainText("Welcome credits");
  await expect(page.getByText(/Your usage, last 30 days/)).toBeVisible();
});

test("buying a pack through the demo checkout adds its credits once, however often it is confirmed", async ({ browser, baseURL }) => {
  const cy = await registerAccount(browser, String(baseURL), "Cy");
  const context = await browser.newContext({ storageState: cy.storageState });
  const page = await context.newPage();
  await page.goto("/credits");
  const before = Number((await page.getByTestId("credit-balance").innerText()).replace(/,/g, ""));

  await page.getByRole("button", { name: "Buy Starter pack" }).click();
  await expect(page).toHaveURL(/\/credits\/checkout\?id=chk_/);
  await expect(page.getByText(/no money is taken/)).toBeVisible();
  await page.getByRole("button", { name: "Confirm purchase" }).click();
  await expect(page.getByRole("status")).toContainText("Added 1,000 credits");

  // The same checkout confirmed again (a reload, a second tab) grants nothing more.
  await page.reload();
  await page.getByRole("button", { name: "Confirm purchase" }).click();
  await expect(page.getByRole("status")).toContainText("already confirmed");

  await page.goto("/credits");
  await expect(page.getByTestId("credit-balance")).toHaveText((before + 1000).toLocaleString("en"));
  await expect(page.getByTestId("credit-history").locator('tr[data-type="PURCHASE"]')).toHaveCount(1);
  await context.close();
});

test("past the per-minute limit, starting a purchase is refused and the page says when to try again", async ({ browser, baseURL }) => {
  const dee = await registerAccount(browser, String(baseURL), "Dee");
  const context = await browser.newContext({ storageState: dee.storageState });
  const page = await context.newPage();
  // RATE_LIMIT_PURCHASE_PER_MINUTE defaults to 10: ten checkouts start, the eleventh is refused.
  // (A minute boundary in the middle would reset the count; the loop then simply runs on until refused.)
  let refused = false;
  for (let i = 0; i < 25 && !refused; i++) {
    await page.goto("/credits");
    await page.getByRole("button", { name: "Buy Writer pack" }).click();
    const outcome = await Promise.race([
      page.waitForURL(/\/credits\/checkout/).then(() => "started" as const),
      page.locator('[data-error-code="rate_limit:credits"]').waitFor().then(() => "refused" as const),
    ]);
    refused = outcome === "refused";
    if (refused) expect(i).toBeGreaterThanOrEqual(10);
  }
  expect(refused).toBe(true);
  await expect(page.locator('[data-error-code="rate_limit:credits"]')).toContainText(/try again in \d+ seconds?/i);
  await context.close();
});
