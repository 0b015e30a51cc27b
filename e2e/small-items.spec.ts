import { test, expect } from "./fixtures";
import { manuscript, openFirstChapter } from "./editor-pages";
import { createBookThroughForm } from "./pages";

const tag = () => `Tobias${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 5)}`;

test("the favicon, app icons and web manifest are served, and every page links them", async ({ page, request }) => {
  for (const [path, type] of [
    ["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/],
    ["/icon.svg", /image\/svg\+xml/],
    ["/icon-192.png", /image\/png/],
    ["/icon-512.png", /image\/png/],
    ["/apple-touch-icon.png", /image\/png/],
    ["/manifest.webmanifest", /application\/(manifest\+)?json/],
  ] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(type);
  }
  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as { name: string; icons: { src: string }[] };
  expect(manifest.name).toBe("Quire");
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);

  const missing: string[] = [];
  page.on("response", (r) => r.status() === 404 && missing.push(r.url()));
  await page.goto("/sign-in");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /favicon\.ico|icon\.svg/);
  expect(missing).toEqual([]);
});

test("a new API key can be copied with one click", async ({ adaPage: page }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/api-keys");
  await page.getByLabel("Key name").fill("Copy me");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
  await page.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
});

test("the new-book form shows what writing the book would cost, and it grows with the book", async ({ adaPage: page }) => {
  await page.goto("/books/new");
  const estimate = page.getByTestId("new-book-estimate");
  await expect(estimate).toContainText(/Writing all 12 chapters: about [\d,]+ credits/);
  const credits = async () => Number((await estimate.textContent())!.match(/about ([\d,]+) credits/)![1]!.replace(/,/g, ""));
  const twelve = await credits();
  await page.getByLabel("Chapters").fill("24");
  await expect(estimate).toContainText("Writing all 24 chapters");
  expect(await credits()).toBeGreaterThan(twelve * 1.5);
});

test("outline boxes are labelled, and the premise, genre and sizes can be changed after creation (bad sizes refused)", async ({ adaPage: page }) => {
  await createBookThroughForm(page, "Second Thoughts", { premise: "Maren keeps the lighthouse.", chapters: 2, wordsPerChapter: 300 });
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(2);
  const first = page.getByTestId("outline-chapter").first();
  await expect(first.getByText("Synopsis", { exact: true })).toBeVisible();
  await expect(first.getByText("Beats", { exact: false })).toBeVisible();

  const details = page.getByRole("form", { name: "Book details" });
  await details.getByLabel("Words per chapter").fill("50");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("alert").filter({ hasText: "At least 300 words per chapter" })).toBeVisible();

  await details.getByLabel("Premise").fill("Tobias keeps the lighthouse now, and Maren sails.");
  await details.getByLabel("Genre").selectOption("Mystery");
  await details.getByLabel("Chapters").fill("5");
  await details.getByLabel("Words per chapter").fill("1200");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("status")).toHaveText("Details saved.");
  await page.reload();
  await expect(page.getByText("Tobias keeps the lighthouse now, and Maren sails.").first()).toBeVisible();
  await expect(page.getByTestId("book-progress")).toContainText("of 2,400 words");
});

test("a chapter check finding says which paragraph it is in, and shows it", async ({ adaPage: page }) => {
  await openFirstChapter(page, "Where Was It");
  await manuscript(page).click();
  await page.keyboard.type(`The lamp was lit at dusk by ${tag()}.`);
  await page.keyboard.press("Enter");
  await page.keyboard.type(`Then i saw teh gulls over ${tag()}.`);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.getByRole("button", { name: "Check this chapter" }).click();
  const finding = page.getByTestId("check-finding").filter({ hasText: "teh" });
  await expect(finding.getByTestId("finding-where")).toHaveText("paragraph 2");
  await finding.getByTestId("finding-where").click();
  await expect.poll(() => page.evaluate(() => String(getSelection()))).toBe("teh");
});
