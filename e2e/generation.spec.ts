import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";
import { createBookThroughForm } from "./pages";

const createSmallBook = (page: Page, title: string) =>
  createBookThroughForm(page, title, { premise: "Maren, a lighthouse keeper, finds letters from the future written by Tobias.", chapters: 3, wordsPerChapter: 300 });

const chapterText = (page: Page, n: number) => page.getByTestId("manuscript-chapter").nth(n).getByTestId("chapter-text");

test("an author generates an outline, edits it, and writes the whole book live, through a reload", async ({ adaPage: page }) => {
  test.setTimeout(120_000);
  // Counts the job stream's events by type, to tell live tokens from checkpoint catch-ups.
  await page.addInitScript(() => {
    const counts: Record<string, number> = {};
    (window as unknown as { streamEvents: Record<string, number> }).streamEvents = counts;
    const Original = window.EventSource;
    window.EventSource = class extends Original {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        for (const type of ["token", "sync"]) this.addEventListener(type, () => (counts[type] = (counts[type] ?? 0) + 1));
      }
    };
  });
  await createSmallBook(page, "The Keeper's Letters");

  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(3);
  await expect(page.getByRole("list", { name: "Story bible" }).getByTestId("bible-entry").first()).toBeVisible();

  await page.getByLabel("Chapter 2 title").fill("The Edited Title");
  await page.getByRole("button", { name: "Save outline" }).click();
  await expect(page.getByText("Outline saved.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Manuscript" })).toContainText("2. The Edited Title");
  await expect(page.getByTestId("book-estimate")).toContainText("3 unwritten chapters");

  await page.getByRole("button", { name: "Write all" }).click();

  // The text visibly grows while we watch.
  const first = chapterText(page, 0);
  await expect(first).toBeVisible();
  const early = (await first.textContent())?.length ?? 0;
  await expect.poll(async () => (await first.textContent())?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(early + 50);
  // Word by word through the job's relay, not only the saved checkpoints every second.
  await expect.poll(() => page.evaluate(() => (window as unknown as { streamEvents: Record<string, number> }).streamEvents.token ?? 0)).toBeGreaterThan(20);

  // Closing or reloading the tab does not stop the run: it shows again, live.
  await page.reload();
  await expect(page.getByTestId("book-progress")).toContainText(/job (queued|running|succeeded)/);

  const statuses = page.getByTestId("manuscript-chapter");
  await expect(statuses.nth(2)).toHaveAttribute("data-status", "written", { timeout: 60_000 });
  await expect(statuses.nth(0)).toHaveAttribute("data-status", "written");
  await expect(statuses.nth(1)).toHaveAttribute("data-status", "written");
  await expect(page.getByTestId("book-progress")).toContainText("job succeeded");

  // Saved, not just shown: a fresh load has every chapter's text near its target length.
  await page.reload();
  for (let i = 0; i < 3; i++) {
    const words = (await chapterText(page, i).textContent())!.split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThan(200);
  }
  await expect(page.getByRole("list", { name: "Manuscript" })).toContainText("2. The Edited Title");
  await expect(page.getByTestId("quality-checks").first()).toContainText("Length:");
});

test("a running job can be cancelled and what was written is kept", async ({ adaPage: page }) => {
  test.setTimeout(90_000);
  await createSmallBook(page, "The Cancelled Run");
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(3);
  await page.getByRole("button", { name: "Write all" }).click();
  await expect.poll(async () => (await chapterText(page, 0).textContent().catch(() => ""))?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(20);
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(page.getByTestId("book-progress")).toContainText("job cancelled");
  await page.reload();
  await expect(page.getByTestId("manuscript-chapter").nth(2)).toHaveAttribute("data-status", "planned");
  expect(((await chapterText(page, 0).textContent()) ?? "").length).toBeGreaterThan(20);
  // The chapter the run stopped in is unfinished, not lost: Continue takes it on from its last word.
  const stopped = page.getByTestId("manuscript-chapter").first();
  await expect(stopped.getByTestId("chapter-status")).toHaveText("unfinished");
  await expect(stopped.getByRole("button", { name: "Continue" })).toBeEnabled();
});
