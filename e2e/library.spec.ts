import { test, expect } from "./fixtures";
import { createBookThroughForm, renameBook } from "./pages";

test("a new author signs up, creates a book, renames it, and finds it again after signing back in", async ({ page }) => {
  const email = `writer.${Date.now().toString(36)}@quire.test`;
  const password = "a-long-enough-password";

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Grace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/library$/);
  await expect(page.getByTestId("library-empty")).toBeVisible();

  await createBookThroughForm(page, "The Lighthouse Letters");
  await page.goto("/library");
  await expect(page.getByRole("list", { name: "Books" }).getByText("The Lighthouse Letters")).toBeVisible();

  await page.getByText("The Lighthouse Letters").click();
  await renameBook(page, "Letters from Tomorrow");
  await expect(page.getByTestId("book-title")).toHaveText("Letters from Tomorrow");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/library");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Flibrary/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/library$/);
  await expect(page.getByRole("list", { name: "Books" }).getByText("Letters from Tomorrow")).toBeVisible();
});

test("the library lists books newest first and a book can be deleted after confirming", async ({ adaPage: page }) => {
  await createBookThroughForm(page, "Older Book");
  await createBookThroughForm(page, "Newer Book");
  await page.goto("/library");
  const titles = page.getByRole("list", { name: "Books" }).locator("h2");
  const all = await titles.allTextContents();
  expect(all.indexOf("Newer Book")).toBeLessThan(all.indexOf("Older Book"));

  await page.getByText("Older Book").click();
  await page.getByRole("button", { name: "Delete book" }).click();
  await page.getByRole("button", { name: "Keep it" }).click();
  await page.getByRole("button", { name: "Delete book" }).click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page).toHaveURL(/\/library$/);
  await expect(page.getByRole("list", { name: "Books" }).getByText("Older Book")).toHaveCount(0);
});

test("bad input gets field errors and creates nothing", async ({ adaPage: page }) => {
  await page.goto("/library");
  const before = await page.getByRole("list", { name: "Books" }).locator("li").count();
  await page.goto("/books/new");
  await page.getByLabel("Title", { exact: true }).fill("Broken");
  await page.getByLabel("Premise").fill("x");
  await page.getByLabel("Chapters").fill("-3");
  await page.getByLabel("Words per chapter").fill("50");
  await page.getByRole("button", { name: "Create book" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "bad_request:input" })).toBeVisible();
  await expect(page.getByText("At least 1 chapter")).toBeVisible();
  await expect(page.getByText("At least 300 words per chapter")).toBeVisible();
  await page.goto("/library");
  await expect(page.getByRole("list", { name: "Books" }).locator("li")).toHaveCount(before);
});

test("a malformed or unknown book id shows not found", async ({ adaPage: page }) => {
  for (const id of ["not-an-id", "bk_doesnotexist0000"]) {
    await page.goto(`/books/${id}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});

test("health reports the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", database: { status: "ok" } });
});
