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
