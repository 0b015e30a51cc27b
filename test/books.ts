import type { Db } from "@/db/client";
import { createBook, type Caller } from "@/lib/books/library";
import { generateOutline } from "@/lib/books/outline";
import type { LlmService } from "@/lib/llm";

/** A book of `chapters` chapters of 300 words with its outline generated, as an author makes one. */
export async function bookWithOutline(db: Db, llm: LlmService, caller: Caller, chapters: number) {
  const book = await createBook(db, caller, {
    title: "The Keeper's Letters",
    premise: "Maren, a lighthouse keeper, finds letters from the future written by Tobias.",
    genre: "Fantasy",
    audience: "Adult",
    tone: "Warm",
    chapterCount: chapters,
    wordsPerChapter: 300,
  });
  await generateOutline(db, llm, caller, book.id);
  return book;
}
