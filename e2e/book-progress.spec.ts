import { test, expect } from "./fixtures";
import { createBookThroughForm } from "./pages";

test("Write all: the action bar stays in reach, its counter moves with the chapters, and the book's status follows them to drafted", async ({ adaPage: page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await createBookThroughForm(page, "Counted Chapters", { premise: "Maren keeps the lighthouse while Tobias sails the letters out.", chapters: 3, wordsPerChapter: 300 });
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(3);
  const bar = page.getByTestId("book-action-bar");
  const progress = page.getByTestId("book-progress");
  const status = page.getByTestId("book-status");
  const chapters = page.getByTestId("manuscript-chapter");
  await expect(status).toHaveText("outlined");

  // Far down the page (the export card), Write all is still on screen.
  await page.getByTestId("cover-card").scrollIntoViewIfNeeded();
  await expect(page.getByRole("button", { name: "Write all" })).toBeInViewport();
  await page.getByRole("button", { name: "Write all" }).click();

  // While chapter 1 streams, the job runs (not "queued") and nothing is counted yet.
  await expect(chapters.nth(0)).toHaveAttribute("data-status", "writing", { timeout: 30_000 });
  await expect(progress).toContainText("job running (0/3 chapters) · writing chapter 1");
  await expect(status).toHaveText("writing");
  await expect(bar.getByRole("button", { name: "Cancel" })).toBeInViewport();

  // Chapter 1 written and chapter 2 under way: the counter says one, at once.
  await expect(chapters.nth(1)).toHaveAttribute("data-status", "writing", { timeout: 60_000 });
  await expect(chapters.nth(0)).toHaveAttribute("data-status", "written");
  await expect(progress).toContainText("(1/3 chapters) · writing chapter 2");

  await expect(progress).toContainText("job succeeded (3/3 chapters)", { timeout: 90_000 });
  await expect(page.getByRole("progressbar", { name: "Chapters written" })).toHaveAttribute("aria-valuenow", "3");
  await expect(status).toHaveText("drafted");

  // Saved: a fresh load says the same, and the library too.
  await page.reload();
  await expect(status).toHaveText("drafted");
  // A finished job is not shown again; the book's words are.
  await expect(progress).toContainText("of 900 words");
  await expect(progress).not.toContainText("job");
  await page.goto("/library");
  await expect(page.getByRole("listitem").filter({ hasText: "Counted Chapters" })).toContainText(/drafted/i);
});
