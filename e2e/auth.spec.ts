import { test, expect, registerAccount } from "./fixtures";

test("signing in with a return path that hides another site stays on Quire", async ({ page, ada, baseURL }) => {
  for (const next of ["/%09/evil.example/b", "/%0a/evil.example/b", "/%0d/evil.example/b", "/%5Cevil.example/b"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?next=${next}`);
    await page.getByLabel("Email").fill(ada.email);
    await page.getByLabel("Password").fill(ada.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, next).toHaveURL(/\/library$/);
    expect(new URL(page.url()).origin, next).toBe(new URL(String(baseURL)).origin);
  }
});

test("signing in with a same-site return path goes there", async ({ page, ada }) => {
  await page.goto(`/sign-in?next=${encodeURIComponent("/account")}`);
  await page.getByLabel("Email").fill(ada.email);
  await page.getByLabel("Password").fill(ada.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
});

test("sign-up shows the password rules and refuses a weak password with the reason", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByText("At least 10 characters, not only digits")).toBeVisible();
  await page.getByLabel("Name").fill("Wes");
  await page.getByLabel("Email").fill(`wes.${Date.now()}@quire.test`);
  await page.getByLabel("Password").fill("1234567890");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator('[data-error-code="bad_request:auth"]')).toContainText("only digits");
  await expect(page).toHaveURL(/\/sign-up/);
});

test("the server refuses what the form would not send: a huge name and a short password", async ({ page, baseURL }) => {
  const email = `huge.${Date.now()}@quire.test`;
  // A 200,000-character name never reaches better-auth: the route's body cap refuses it while reading.
  const huge = await page.request.post("/api/auth/sign-up/email", { data: { name: "n".repeat(200_000), email, password: "correct horse battery" }, headers: { origin: String(baseURL) } });
  expect(huge.status()).toBe(413);
  // A body under the cap with a name over the field's limit is refused by the sign-up policy, saying why.
  const long = await page.request.post("/api/auth/sign-up/email", { data: { name: "n".repeat(101), email, password: "correct horse battery" }, headers: { origin: String(baseURL) } });
  expect(long.status()).toBe(400);
  expect(await long.text()).toContain("at most 100 characters");
  const short = await page.request.post("/api/auth/sign-up/email", { data: { name: "Shorty", email, password: "12345678" }, headers: { origin: String(baseURL) } });
  expect(short.status()).toBe(400);
  const signIn = await page.request.post("/api/auth/sign-in/email", { data: { email, password: "12345678" }, headers: { origin: String(baseURL) } });
  expect(signIn.ok()).toBe(false);
});

test("a writer who forgot her password resets it through the mailed link (listed locally at /dev/mail)", async ({ browser, baseURL }) => {
  const rosa = await registerAccount(browser, String(baseURL), "Rosa");
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await expect(page.getByRole("link", { name: "Forgot your password?" })).toHaveAttribute("href", "/forgot-password");
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(rosa.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText(rosa.email);

  await page.goto("/dev/mail");
  const mail = page.getByTestId("dev-mail").filter({ hasText: rosa.email }).first();
  await expect(mail).toContainText("Reset your Quire password");
  await mail.getByRole("link").click();
  await expect(page).toHaveURL(/\/reset-password\?token=/);
  await expect(page.getByText("At least 10 characters")).toBeVisible();
  const resetPage = page.url();
  await page.getByLabel("New password", { exact: true }).fill("a fresh lighthouse key");
  await page.getByLabel("New password, again").fill("a fresh lighthouse key");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  // The link works once.
  await page.goto(resetPage);
  await page.getByLabel("New password", { exact: true }).fill("yet another lighthouse key");
  await page.getByLabel("New password, again").fill("yet another lighthouse key");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.locator('[data-error-code="bad_request:auth"]')).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(rosa.email);
  await page.getByLabel("Password").fill(rosa.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator('[data-error-code="unauthorized:auth"]')).toBeVisible();
  await page.getByLabel("Password").fill("a fresh lighthouse key");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/library$/);
});
