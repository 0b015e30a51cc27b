import { test, expect } from "./fixtures";

test("an author turns training consent on and off, and the page shows what was saved after a reload", async ({ adaPage: page }) => {
  await page.goto("/library");
  await page.getByTestId("signed-in-as").click();
  await expect(page).toHaveURL(/\/account$/);
  const consent = page.getByRole("switch", { name: "Use my books to train Quire's model" });
  await expect(consent).not.toBeChecked();

  await consent.click();
  await expect(page.getByTestId("training-opt-in-status")).toHaveText("Saved: your books may be used for training.");
  await page.reload();
  await expect(consent).toBeChecked();

  await consent.click();
  await expect(page.getByTestId("training-opt-in-status")).toHaveText("Saved: your books will not be used for training.");
  await page.reload();
  await expect(consent).not.toBeChecked();
});

test("one author's consent does not change another's", async ({ adaPage, bobPage }) => {
  await adaPage.goto("/account");
  await adaPage.getByRole("switch", { name: "Use my books to train Quire's model" }).click();
  await expect(adaPage.getByTestId("training-opt-in-status")).toHaveText("Saved: your books may be used for training.");
  await bobPage.goto("/account");
  await expect(bobPage.getByRole("switch", { name: "Use my books to train Quire's model" })).not.toBeChecked();
});

test("a signed-out visitor is sent to sign in and comes back to the account page", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount/);
});
