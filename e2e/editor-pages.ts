import { expect, type Page } from "@playwright/test";
import { createBookThroughForm } from "./pages";

/** A book with an outline (so its chapters exist) and the first chapter open in the editor. */
export async function openFirstChapter(page: Page, title: string) {
  await createBookThroughForm(page, title, { premise: "Maren, a lighthouse keeper, finds letters from the future.", chapters: 2, wordsPerChapter: 300 });
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(2);
  await page.getByRole("link", { name: "Edit", exact: true }).first().click();
  await expect(manuscript(page)).toBeVisible();
}

export const manuscript = (page: Page) => page.getByRole("textbox", { name: "Chapter text" });

/** Types a paragraph into an empty chapter and waits until autosave says it is saved. */
export async function writeParagraph(page: Page, text: string) {
  await manuscript(page).click();
  await page.keyboard.type(text);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
}

/** Selects a whole paragraph (by index, or by text it contains) as a drag across it would, however many lines it wraps to. */
export async function selectParagraph(page: Page, which: number | string = 0) {
  // By the text it holds when given one: an index shifts when the editor re-renders around a save.
  const paragraphs = manuscript(page).locator("p");
  const paragraph = typeof which === "number" ? paragraphs.nth(which) : paragraphs.filter({ hasText: which });
  await expect(paragraph).toHaveCount(1);
  await paragraph.click();
  await paragraph.evaluate((p) => {
    const range = document.createRange();
    range.selectNodeContents(p);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await expect.poll(() => page.evaluate(() => String(getSelection()))).toBe(await paragraph.innerText());
}

/**
 * A suggestion the panel shows but does not offer as a replacement (it changed nothing, or the model
 * was cut off): the panel says why, has no Accept, says no credits were used, and closing it leaves
 * the chapter's text as it was.
 */
export async function expectSuggestionNotOffered(page: Page, why: { testId: "suggestion-unchanged" | "suggestion-cut-off"; says: string }, text: string) {
  const panel = page.getByTestId("suggestion-panel");
  await expect(panel).toHaveAttribute("data-status", "done");
  await expect(panel.getByTestId(why.testId)).toContainText(why.says);
  await expect(panel.getByRole("button", { name: "Accept" })).toHaveCount(0);
  await expect(panel.getByTestId("suggestion-cost")).toHaveText("no credits used");
  await panel.getByRole("button", { name: "Close" }).click();
  await expect(manuscript(page)).toHaveText(text);
}
