import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";
import { expectSuggestionNotOffered, manuscript, openFirstChapter, selectParagraph, writeParagraph } from "./editor-pages";
import { createBookThroughForm } from "./pages";

// A word unique to this run keeps each test's request its own (the cache is shared by the server).
const tag = () => `Tobias${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 5)}`;
/** The balance as the credits page shows it (then back to where the writer was). */
async function balance(page: Page): Promise<number> {
  const back = page.url();
  await page.goto("/credits");
  const value = Number((await page.getByTestId("credit-balance").textContent())!.replace(/[^0-9-]/g, ""));
  await page.goto(back);
  return value;
}

test("a suggestion that changes nothing says so, offers no Accept and costs no credits", async ({ adaPage: page }) => {
  test.setTimeout(120_000);
  await openFirstChapter(page, "Nothing To Fix");
  const correct = `Maren lit the lamp for ${tag()} and waited.`;
  await writeParagraph(page, correct);
  const before = await balance(page);
  await expect(manuscript(page)).toHaveText(correct);

  await selectParagraph(page);
  await page.getByRole("button", { name: "Fix grammar" }).click();
  await expectSuggestionNotOffered(page, { testId: "suggestion-unchanged", says: "No changes suggested" }, correct);

  expect(await balance(page)).toBe(before);
});

test("Continue writing joins its words with one space and a capital after a full stop, and keeps them in view", async ({ adaPage: page }) => {
  test.setTimeout(120_000);
  await openFirstChapter(page, "Joined Lines");
  const opening = `Maren was ready to say it to ${tag()}.`;
  await writeParagraph(page, opening);
  await page.keyboard.press("End");

  await page.getByRole("button", { name: "Continue writing" }).click();
  const ghost = page.getByTestId("ghost-text");
  await expect(page.getByTestId("suggestion-panel")).toHaveAttribute("data-status", "done");
  await expect(ghost).toBeInViewport();
  const shown = (await ghost.textContent()) ?? "";
  expect(shown).toMatch(/^ [A-Z"“]/);

  await manuscript(page).press("Tab");
  await expect(ghost).toHaveCount(0);
  const text = await manuscript(page).innerText();
  expect(text.startsWith(`${opening} `)).toBe(true);
  expect(text).not.toMatch(/ {2}/);
  expect(text).not.toMatch(/[.!?][A-Za-z]/);

  // Mid-sentence at a word's end: one space, no capital forced.
  await manuscript(page).press("End");
  await page.keyboard.type(" Then she");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.getByRole("button", { name: "Continue writing" }).click();
  await expect(page.getByTestId("suggestion-panel")).toHaveAttribute("data-status", "done");
  await expect(ghost).toHaveText(/^ \S/);
});

test("Regenerate asks first, and the old text is restored from the chapter's header in the editor", async ({ adaPage: page }) => {
  test.setTimeout(150_000);
  const bookId = await createBookThroughForm(page, "Second Thoughts", { premise: "Maren, a lighthouse keeper, finds letters from the future written by Tobias.", chapters: 2, wordsPerChapter: 300 });
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(2);
  const chapter = page.getByTestId("manuscript-chapter").first();
  await chapter.getByRole("button", { name: "Write" }).click();
  await expect(chapter).toHaveAttribute("data-status", "written", { timeout: 60_000 });

  // The author makes the chapter their own before having second thoughts.
  const mine = `${tag()} had kept every letter.`;
  await chapter.getByRole("link", { name: "Edit", exact: true }).click();
  await manuscript(page).click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.type(`${mine} `);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.goto(`/books/${bookId}`);
  await expect(chapter.getByTestId("chapter-text")).toContainText(mine);

  await chapter.getByRole("button", { name: "Regenerate" }).click();
  const ask = chapter.getByRole("alertdialog");
  await expect(ask).toContainText("The current text is kept as a version");
  // "Keep it" changes nothing.
  await ask.getByRole("button", { name: "Keep it" }).click();
  await expect(ask).toHaveCount(0);
  await expect(chapter.getByTestId("chapter-text")).toContainText(mine);

  await chapter.getByRole("button", { name: "Regenerate" }).click();
  await chapter.getByRole("alertdialog").getByRole("button", { name: "Regenerate" }).click();
  await expect(chapter.getByTestId("chapter-text")).not.toContainText(mine, { timeout: 60_000 });
  await expect(chapter).toHaveAttribute("data-status", "written", { timeout: 60_000 });

  await chapter.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(manuscript(page)).toBeVisible();
  await expect(manuscript(page)).not.toContainText(mine);
  const header = page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) });
  await header.getByText("Versions (1)").click();
  await header.getByRole("button", { name: /^Restore version/ }).first().click();
  await expect(manuscript(page)).toContainText(mine, { timeout: 20_000 });
});

test("a suggestion cut off at the model's length limit is shown as cut off, cannot be accepted and costs nothing", async ({ adaPage: page }) => {
  await openFirstChapter(page, "Cut Short");
  const original = `Maren waited by the lamp with ${tag()}.`;
  await writeParagraph(page, original);
  // Asking for far more than the room a suggestion gets: the answer stops at the token limit.
  await page.getByLabel("Custom instruction").fill("Expand this to 400 words");
  await selectParagraph(page);
  await page.getByRole("button", { name: "Ask" }).click();
  await expectSuggestionNotOffered(page, { testId: "suggestion-cut-off", says: "cut off" }, original);
});
