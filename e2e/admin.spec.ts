import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test, expect } from "./fixtures";
import { signInAsAdmin } from "./pages";

/** Every page under app/(admin), as a URL path: the walk covers pages added later without a list. */
function adminPagePaths(): string[] {
  const dir = path.resolve("app/(admin)");
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === "page.tsx")
    .map((e) => "/" + path.relative(dir, e.parentPath).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/"));
}

function adminRoutePaths(): string[] {
  const dir = path.resolve("app/api/admin");
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === "route.ts" && /export async function GET/.test(readFileSync(path.join(e.parentPath, e.name), "utf8")))
    .map((e) => "/api/admin/" + path.relative(dir, e.parentPath).split(path.sep).join("/"));
}


test("a signed-out visitor to the admin area is sent to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin/);
});

test("a non-admin is refused on every admin page and endpoint", async ({ bobPage }) => {
  const pages = adminPagePaths();
  expect(pages).toEqual(expect.arrayContaining(["/admin", "/admin/users", "/admin/health"]));
  for (const p of pages) {
    await bobPage.goto(p);
    await expect(bobPage.getByRole("heading", { name: "Forbidden" }), p).toBeVisible();
    await expect(bobPage.locator('[data-error-code="forbidden:admin"]'), p).toBeVisible();
    await expect(bobPage.getByTestId("stat-spend")).toHaveCount(0);
  }
  for (const route of adminRoutePaths()) {
    const res = await bobPage.request.get(route);
    expect(res.status(), route).toBe(403);
    expect((await res.json()).error.code, route).toBe("forbidden:admin");
  }
});

test("the demo admin sees the cost dashboard and can filter it by URL", async ({ page }) => {
  await signInAsAdmin(page);
  await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
  await expect(page.getByTestId("stat-spend")).toBeVisible();
  await page.getByLabel("Range").selectOption("30d");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByTestId("dashboard-range")).toContainText(" to ");
});

test("CSV export downloads what the dashboard shows", async ({ page }) => {
  await signInAsAdmin(page, "/admin?range=7d");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^quire-usage-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await download.path(), "utf8");
  expect(text.split("\n")[0]).toBe("section,key,requests,errors,cached_requests,fallbacks,input_tokens,output_tokens,cached_tokens,cost_usd,saved_usd,credits,unpriced_requests");
  expect(text).toMatch(/^total,all,/m);
});

test("the admin finds a user by email and grants credits with a reason; the user's credits page shows it", async ({ page, bob, bobPage }) => {
  await bobPage.goto("/credits");
  const before = Number((await bobPage.getByTestId("credit-balance").innerText()).replace(/,/g, ""));

  await signInAsAdmin(page, "/admin/users");
  await page.getByLabel("Email").fill(bob.email);
  await page.getByRole("button", { name: "Find" }).click();
  const result = page.getByTestId("user-result").filter({ hasText: bob.email });
  await expect(result).toHaveCount(1);
  await result.getByLabel("Credits", { exact: true }).fill("250");
  await result.getByLabel("Reason", { exact: true }).fill("Thanks for beta testing");
  await result.getByRole("button", { name: "Grant" }).click();
  await expect(result.getByRole("status")).toContainText(`Balance now ${(before + 250).toLocaleString("en")}`);

  // Revoking more than the balance is refused, and says how many are needed and how many there are.
  await result.getByLabel("Credits", { exact: true }).fill(String(before + 1000));
  await result.getByLabel("Reason", { exact: true }).fill("Too much, on purpose");
  await result.getByRole("button", { name: "Revoke" }).click();
  await expect(result.getByTestId("credits-needed")).toHaveText((before + 1000).toLocaleString("en"));
  await expect(result.getByTestId("credits-balance")).toHaveText((before + 250).toLocaleString("en"));

  await bobPage.goto("/credits");
  await expect(bobPage.getByTestId("credit-balance")).toHaveText((before + 250).toLocaleString("en"));
  await expect(bobPage.getByTestId("credit-history").locator('tr[data-type="ADMIN_GRANT"]').first()).toContainText("Thanks for beta testing");
});

test("model health lists each configured target with its circuit state and recent error rate", async ({ page }) => {
  await signInAsAdmin(page, "/admin/health");
  await expect(page.getByRole("heading", { name: "Model health" })).toBeVisible();
  const demo = page.getByTestId("health-row").filter({ hasText: "demo:quire-demo" });
  await expect(demo).toHaveCount(1);
  await expect(demo.getByTestId("circuit")).toHaveText(/^(closed|unknown|open|half-open)/);
});
