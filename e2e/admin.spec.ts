import { test, expect } from "./fixtures";

test("a signed-out visitor to the admin area is sent to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin/);
});

test("a non-admin sees a forbidden page", async ({ bobPage }) => {
  await bobPage.goto("/admin");
  await expect(bobPage.getByRole("heading", { name: "Forbidden" })).toBeVisible();
  await expect(bobPage.getByTestId("admin-count-users")).toHaveCount(0);
});

test("the seeded demo admin reaches the admin dashboard", async ({ page }) => {
  await page.goto("/sign-in?next=/admin");
  await page.getByLabel("Email").fill("admin@quire.local");
  await page.getByLabel("Password").fill("quire-admin-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
  await expect(page.getByTestId("admin-count-users")).not.toHaveText("0");
});
