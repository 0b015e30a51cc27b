import { test, expect } from "./fixtures";
import { createBookThroughForm } from "./pages";
import { gradientPng } from "../test/helpers/upstream/images";

test("an author sees Quire's cover, generates and regenerates it, and uploads her own", async ({ adaPage: page }) => {
  const bookId = await createBookThroughForm(page, "The Covered Keeper");
  const cover = page.getByTestId("book-cover");
  await expect(cover).toBeVisible();
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect(await cover.getAttribute("src")).toContain("v=composed");

  await page.getByRole("button", { name: "Generate cover" }).click();
  await expect(page.getByRole("status").filter({ hasText: "New cover saved." })).toBeVisible();
  await expect(cover).toHaveAttribute("src", /v=covers%2Fbk_/);
  const firstSrc = await cover.getAttribute("src");
  const served = await page.request.get(`/api/books/${bookId}/cover`);
  expect(served.headers()["content-type"]).toBe("image/svg+xml");
  expect(served.headers()["x-quire-cover"]).toBe("typographic");
  expect(await served.text()).toContain("<!-- Quire typographic cover");

  await page.getByRole("button", { name: "Regenerate cover" }).click();
  await expect(cover).not.toHaveAttribute("src", firstSrc!);

  await page.getByLabel("Cover image file").setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: gradientPng(400, 640) });
  await expect(page.getByRole("status").filter({ hasText: "Your cover is uploaded." })).toBeVisible();
  await expect.poll(async () => (await page.request.get(`/api/books/${bookId}/cover`)).headers()["content-type"]).toBe("image/png");
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(400);
  // The card describes the author's cover, not how generated covers would be made.
  await expect(page.getByTestId("cover-source")).toHaveText("Your saved cover.");

  await page.goto("/library");
  const thumb = page.getByRole("listitem").filter({ hasText: "The Covered Keeper" }).getByTestId("library-cover");
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(400);
});

test("an upload that is not really an image is refused, and the cover stays", async ({ adaPage: page }) => {
  await createBookThroughForm(page, "The Guarded Cover");
  await page.getByLabel("Cover image file").setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: Buffer.from("<svg onload='alert(1)'></svg> pretending to be a PNG") });
  const alert = page.locator('[data-error-code="bad_request:cover"]');
  await expect(alert).toBeVisible();
  // Plain words that say what to do; the code only under "Details".
  await expect(alert.locator("p")).toHaveText("That file is not a PNG, JPEG or WebP image. Choose a PNG, JPEG or WebP image of at most 5 MB.");
  await expect(alert.getByText("Error code: bad_request:cover")).toBeHidden();
  await expect(page.getByTestId("book-cover")).toHaveAttribute("src", /v=composed/);
});

test("another user can neither see nor replace an author's cover", async ({ adaPage, bobPage, baseURL }) => {
  const bookId = await createBookThroughForm(adaPage, "Ada's Private Cover");
  const seen = await bobPage.request.get(`/api/books/${bookId}/cover`);
  expect(seen.status()).toBe(404);
  expect((await seen.json()).error.code).toBe("not_found:book");
  const replaced = await bobPage.request.post(`/api/books/${bookId}/cover`, { data: gradientPng(400, 640), headers: { "content-type": "image/png", origin: baseURL! } });
  expect(replaced.status()).toBe(404);
  expect((await replaced.json()).error.code).toBe("not_found:book");
  // A cross-site post with Ada's own cookies is refused before anything is read.
  const crossSite = await adaPage.request.post(`/api/books/${bookId}/cover`, { data: gradientPng(400, 640), headers: { "content-type": "image/png", origin: "https://evil.example" } });
  expect((await crossSite.json()).error.code).toBe("forbidden:cover");
  expect((await adaPage.request.get(`/api/books/${bookId}/cover`)).headers()["x-quire-cover"]).toBe("composed");
});
