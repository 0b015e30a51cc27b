import { buildChapterContext, type BibleEntryLike, type BookLike, type ChapterLike, type RecalledPassage } from "./context";
import { expectedChapterCredits, expectedRecallCredits } from "@/lib/credits/estimates";
import { PASSAGE_MAX_WORDS, RECALL_CANDIDATES } from "./passages";
import { outputTokensFor } from "./length";

export type BookEstimate = { chapters: number; promptTokens: number; outputTokens: number; credits: number };

/**
 * Tokens and credits for writing a book's chapters, from the same context builder the writer uses
 * (and `npm run book:estimate`). Unwritten earlier chapters will have text by the time a later one
 * is written, so each prompt is budgeted with them full.
 */
export function estimateChapters(
  book: BookLike,
  chapters: (ChapterLike & { status?: string })[],
  bible: BibleEntryLike[],
  contextWindow: number,
  onlyUnwritten = true,
): BookEstimate {
  const outputTokens = outputTokensFor(book.wordsPerChapter);
  const filler = "word ".repeat(book.wordsPerChapter);
  let promptTokens = 0;
  let credits = 0;
  let count = 0;
  chapters.forEach((c, i) => {
    if (onlyUnwritten && c.status === "written") return;
    const planned = chapters.map((e, j) => (j < i && !e.content ? { ...e, content: filler, summary: e.summary || e.synopsis } : e));
    const ctx = buildChapterContext({ book, chapters: planned, chapterIndex: i, bible, budget: { contextWindow, outputTokens }, recalled: plannedRecall(i) });
    promptTokens += ctx.promptTokens;
    credits += expectedChapterCredits(ctx.promptTokens, book.wordsPerChapter) + expectedRecallCredits(i, book.wordsPerChapter);
    count++;
  });
  return { chapters: count, promptTokens, outputTokens: outputTokens * count, credits };
}

/** Stand-ins for the passages recall will find for chapter `i`: full-size ones from older chapters, so the recall share of the prompt is counted. */
function plannedRecall(i: number): RecalledPassage[] {
  const older = Math.max(0, i - 1);
  const passage = "word ".repeat(PASSAGE_MAX_WORDS).trim();
  return Array.from({ length: older === 0 ? 0 : RECALL_CANDIDATES }, (_, k) => ({ chapterIndex: k % older, text: passage, score: 1 - k / 100 }));
}

/**
 * Before a book exists (the new-book form): its chapters stand in with a synopsis and beats of a
 * usual outline's length and a small bible, so the figure is what Write all will ask for, give or
 * take the outline's real length.
 */
export function estimateNewBook(book: BookLike, contextWindow: number): BookEstimate {
  const chapters: ChapterLike[] = Array.from({ length: book.chapterCount }, (_, i) => ({
    position: i,
    title: `Chapter ${i + 1}`,
    synopsis: `${book.premise.slice(0, 200)} In chapter ${i + 1} the story turns once more, and what the characters want costs them something.`,
    beats: ["An arrival changes the day", "A choice is put off", "The choice is made", "Its price becomes clear"],
    summary: "",
    content: "",
  }));
  const bible: BibleEntryLike[] = [
    { kind: "style_rule", name: "Voice", aliases: [], body: `${book.tone} ${book.genre.toLowerCase()} for ${book.audience.toLowerCase()} readers.` },
    { kind: "character", name: "Lead", aliases: [], body: "The main character, with a want and a fear." },
    { kind: "character", name: "Friend", aliases: [], body: "The lead's closest ally." },
    { kind: "place", name: "Home", aliases: [], body: "Where the story begins." },
  ];
  return estimateChapters(book, chapters, bible, contextWindow, false);
}
