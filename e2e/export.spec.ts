import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { strFromU8 } from "fflate";
import { test, expect } from "./fixtures";
import { createBookThroughForm } from "./pages";
import { localEntries, parseXml, unzip } from "../lib/export/testing/read-back";

const XHTML = "http://www.w3.org/1999/xhtml";
const OPF = "http://www.idpf.org/2007/opf";
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

async function writtenBook(page: Page, title: string): Promise<string> {
  await createBookThroughForm(page, title, { premise: "Maren, a lighthouse keeper, finds letters from the future written by Tobias.", chapters: 3, wordsPerChapter: 300 });
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(3);
  await page.getByRole("button", { name: "Write all" }).click();
  const chapters = page.getByTestId("manuscript-chapter");
  for (let i = 0; i < 3; i++) await expect(chapters.nth(i)).toHaveAttribute("data-status", "written", { timeout: 60_000 });
  await page.reload();
  return page.url().split("/books/")[1]!;
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
}

test("an author downloads the written book as EPUB, DOCX and Markdown from the book page", async ({ adaPage: page }) => {
  test.setTimeout(150_000);
  await writtenBook(page, "The Exported Keeper");
  const firstWords = ((await page.getByTestId("manuscript-chapter").first().getByTestId("chapter-text").textContent()) ?? "").trim().split(/\s+/).slice(0, 6).join(" ");
  await expect(page.getByTestId("export-card")).toContainText("words");

  const epub = await download(page, "export-epub");
  expect(epub.name).toBe("The Exported Keeper.epub"); // the exact title, from filename*
  const entries = localEntries(epub.bytes);
  expect(entries[0]).toMatchObject({ name: "mimetype", method: 0, extraLength: 0 });
  const files = unzip(epub.bytes);
  expect(strFromU8(files["mimetype"]!)).toBe("application/epub+zip");
  const opfPath = parseXml(files["META-INF/container.xml"]!).getElementsByTagName("rootfile")[0]!.getAttribute("full-path")!;
  const opf = parseXml(files[opfPath]!, opfPath);
  const listed = Array.from(opf.getElementsByTagNameNS(OPF, "item")).map((i) => `OEBPS/${i.getAttribute("href")}`);
  for (const path of listed) expect(files[path], path).toBeDefined();
  expect(opf.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "title")[0]!.textContent).toBe("The Exported Keeper");
  const chapterFiles = Object.keys(files).filter((p) => p.startsWith("OEBPS/text/chapter-")).sort();
  expect(chapterFiles).toHaveLength(3);
  for (const path of Object.keys(files).filter((p) => p.endsWith(".xhtml"))) parseXml(files[path]!, path);
  const first = parseXml(files[chapterFiles[0]!]!, chapterFiles[0]);
  const text = Array.from(first.getElementsByTagNameNS(XHTML, "p")).map((p) => p.textContent).join(" ");
  expect(text.replace(/\s+/g, " ")).toContain(firstWords);

  const docx = await download(page, "export-docx");
  expect(docx.name).toBe("The Exported Keeper.docx");
  const word = unzip(docx.bytes);
  expect(Object.keys(word)).toEqual(expect.arrayContaining(["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"]));
  const doc = parseXml(word["word/document.xml"]!, "document.xml");
  const headings = Array.from(doc.getElementsByTagNameNS(W, "p")).filter((p) => p.getElementsByTagNameNS(W, "pStyle")[0]?.getAttributeNS(W, "val") === "Heading1");
  expect(headings).toHaveLength(3);
  expect(headings.every((h) => h.getElementsByTagNameNS(W, "pageBreakBefore").length === 1)).toBe(true);
  expect(strFromU8(word["word/document.xml"]!)).toContain(firstWords.split(" ")[0]!);

  const md = await download(page, "export-md");
  const markdown = strFromU8(md.bytes);
  expect(markdown.startsWith("# The Exported Keeper\n")).toBe(true);
  expect(markdown.match(/^## Chapter \d+: /gm)).toHaveLength(3);
});

test("another user's export URL is refused as not found, and a signed-out one as unauthorized", async ({ adaPage, bobPage }) => {
  const bookId = await createBookThroughForm(adaPage, "Ada's Unexported Diary");
  for (const format of ["epub", "docx", "md"]) {
    const res = await bobPage.request.get(`/api/books/${bookId}/export/${format}`);
    expect(res.status()).toBe(404);
    expect((await res.json()).error.code).toBe("not_found:book");
  }
  // The owner is told what is wrong with her own book instead: it has no chapters yet.
  const own = await adaPage.request.get(`/api/books/${bookId}/export/epub`);
  expect((await own.json()).error.code).toBe("bad_request:export");
  await bobPage.context().clearCookies();
  const signedOut = await bobPage.request.get(`/api/books/${bookId}/export/epub`);
  expect(signedOut.status()).toBe(401);
  expect((await signedOut.json()).error.code).toBe("unauthorized:auth");
});
