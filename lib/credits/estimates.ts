import { TOKENS_PER_WORD } from "@/lib/books/length";
import { creditsForAttempt, worstCaseCredits } from "./prices";

/**
 * Estimates for the book pipeline, from the one price table. A chapter is three calls: the chapter's
 * text (its prompt in, the text out), the summary that follows it (the text in, ~300 tokens out) and
 * the story-bible proposals (the text and the bible in, a short JSON list out).
 */
export const SUMMARY_MAX_TOKENS = 300;
/** The bible-proposal call's answer, and what it sends besides the chapter (the bible, the schema). */
export const BIBLE_UPDATES_MAX_TOKENS = 700;
export const BIBLE_UPDATES_PROMPT_TOKENS = 2_000;

/** What a chapter is expected to cost (shown before a book is written). */
export function expectedChapterCredits(promptTokens: number, targetWords: number): number {
  const answer = Math.ceil(targetWords * TOKENS_PER_WORD);
  const ok = { outcome: "ok", cached: false, model: "" } as const;
  return (
    creditsForAttempt({ ...ok, task: "chapter", inputTokens: promptTokens, outputTokens: answer }) +
    creditsForAttempt({ ...ok, task: "summary", inputTokens: answer, outputTokens: SUMMARY_MAX_TOKENS }) +
    creditsForAttempt({ ...ok, task: "summary", inputTokens: answer + BIBLE_UPDATES_PROMPT_TOKENS, outputTokens: BIBLE_UPDATES_MAX_TOKENS })
  );
}

/** A recall query: the chapter's plan and the bible entries it names (~200 tokens). */
export const RECALL_QUERY_TOKENS = 200;

/**
 * What recall adds to a chapter: its passages embedded after it is written (one call), and, from the
 * third chapter on (when there are passages older than the previous chapter), one query before it.
 */
export function expectedRecallCredits(chapterIndex: number, targetWords: number): number {
  const ok = { outcome: "ok", cached: false, model: "", outputTokens: 0, task: "embedding" } as const;
  const passages = creditsForAttempt({ ...ok, inputTokens: Math.ceil(targetWords * TOKENS_PER_WORD) });
  return passages + (chapterIndex >= 2 ? creditsForAttempt({ ...ok, inputTokens: RECALL_QUERY_TOKENS }) : 0);
}

/**
 * What a chapter's charge holds before it is written: both calls at their worst case. `maxText` is the
 * chapter call's maxTokens; `existingTokens` is text already there that a continuation sends again (and the summary reads).
 */
export function chapterReservation(promptTokens: number, maxText: number, existingTokens = 0): number {
  return (
    worstCaseCredits({ task: "chapter", promptTokens: promptTokens + existingTokens, maxOutputTokens: maxText }) +
    worstCaseCredits({ task: "summary", promptTokens: existingTokens + maxText + 100, maxOutputTokens: SUMMARY_MAX_TOKENS }) +
    bibleUpdatesReservation(existingTokens + maxText)
  );
}

/** The bible-proposal call at its worst case, for a chapter of `chapterTokens` (also charged alone for a hand-saved chapter). */
export function bibleUpdatesReservation(chapterTokens: number): number {
  return worstCaseCredits({ task: "summary", promptTokens: chapterTokens + BIBLE_UPDATES_PROMPT_TOKENS, maxOutputTokens: BIBLE_UPDATES_MAX_TOKENS });
}
