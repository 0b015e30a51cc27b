import type { Book } from "@/db/queries/books";
import { outlineMessages } from "@/lib/books/prompts";
import { outlineSchemaFor } from "@/lib/books/outline-schema";
import { buildChapterContext } from "@/lib/books/context";
import { outputTokensFor } from "@/lib/books/length";
import { isLlmError, type LlmService } from "@/lib/llm";
import { suggestionTrainingMessages } from "@/lib/training/prompts";
import { lengthAdherence, countWords } from "./length";
import { repetitionRate } from "./repetition";
import { clicheRate } from "./cliches";
import { unknownNameRate } from "./names";
import { normalizedEditDistance } from "./edit-distance";
import type { ChapterCase, EvalTask, OutlineCase, SuggestionCase } from "./suite";

/**
 * One suite case sent to one target, with the app's own prompt builders, and scored. Every case
 * result says whether it succeeded, how long it took and the scores of its answer; a failure keeps
 * the error code, so the report can say why a target lost points.
 */
export type CaseResult = {
  task: EvalTask;
  id: string;
  ok: boolean;
  errorCode: string | null;
  latencyMs: number;
  /** Time to the first streamed text; null for answers that are not streamed (outlines). */
  ttftMs: number | null;
  scores: Record<string, number>;
};

type Clock = () => number;

function failure(task: EvalTask, id: string, started: number, clock: Clock, error: unknown): CaseResult {
  return { task, id, ok: false, errorCode: isLlmError(error) ? error.code : "unexpected", latencyMs: clock() - started, ttftMs: null, scores: {} };
}

/** The outline case as the Book the app's prompt builder takes (ids and dates are never sent). */
function bookOf(c: OutlineCase): Book {
  const epoch = new Date(0);
  return { id: `bk_eval_${c.id}`, ownerId: "eval", status: "draft", outline: null, coverKey: null, createdAt: epoch, updatedAt: epoch, ...c.book };
}

/**
 * `generateObject` validates and, when the first answer is invalid, re-asks once; `okAnswers` is the
 * number of answers the target returned for the case (from the usage events), so 1 means the first
 * answer was already valid.
 */
export async function runOutlineCase(llm: LlmService, c: OutlineCase, clock: Clock, okAnswers: () => number): Promise<CaseResult> {
  const started = clock();
  try {
    await llm.generateObject({ task: "outline", schema: outlineSchemaFor(c.book.chapterCount), schemaName: "outline", messages: outlineMessages(bookOf(c)), cache: false });
    return { task: "outline", id: c.id, ok: true, errorCode: null, latencyMs: clock() - started, ttftMs: null, scores: { valid: 1, validFirstTry: okAnswers() === 1 ? 1 : 0 } };
  } catch (error) {
    const result = failure("outline", c.id, started, clock, error);
    return { ...result, scores: { valid: 0, validFirstTry: 0 } };
  }
}

async function streamTimed(llm: LlmService, request: Parameters<LlmService["streamText"]>[0], clock: Clock) {
  const started = clock();
  let ttftMs: number | null = null;
  let text = "";
  const stream = llm.streamText(request);
  for await (const piece of stream.textStream) {
    if (ttftMs === null && piece.trim()) ttftMs = clock() - started;
    text += piece;
  }
  await stream.result;
  return { text, ttftMs, latencyMs: clock() - started };
}

export async function runChapterCase(llm: LlmService, c: ChapterCase, clock: Clock, contextWindow: number): Promise<CaseResult> {
  const started = clock();
  const book = { ...c.book, chapterCount: c.chapters.length };
  const context = buildChapterContext({
    book,
    chapters: c.chapters.map((ch, position) => ({ ...ch, position })),
    chapterIndex: c.chapterIndex,
    bible: c.bible,
    budget: { contextWindow, outputTokens: outputTokensFor(book.wordsPerChapter) },
  });
  try {
    const { text, ttftMs, latencyMs } = await streamTimed(llm, { task: "chapter", messages: context.messages, maxTokens: outputTokensFor(book.wordsPerChapter), cache: false }, clock);
    const known = c.bible.flatMap((e) => [e.name, ...e.aliases]);
    return {
      task: "chapter",
      id: c.id,
      ok: true,
      errorCode: null,
      latencyMs,
      ttftMs,
      scores: {
        words: countWords(text),
        lengthAdherence: lengthAdherence(countWords(text), book.wordsPerChapter),
        repetitionRate: repetitionRate(text),
        clichesPer1kWords: clicheRate(text),
        unknownNameRate: unknownNameRate(text, known),
      },
    };
  } catch (error) {
    return failure("chapter", c.id, started, clock, error);
  }
}

/** Room for the rewrite, as the editor asks for it (a "longer" rewrite may double the selection). */
function suggestionMaxTokens(c: SuggestionCase): number {
  const base = Math.ceil(c.passage.length / 3);
  return Math.min(4_000, Math.max(64, /longer|expand/i.test(c.instruction) ? base * 2 + 100 : base + 60));
}

export async function runSuggestionCase(llm: LlmService, c: SuggestionCase, clock: Clock): Promise<CaseResult> {
  const started = clock();
  try {
    const { text, ttftMs, latencyMs } = await streamTimed(llm, { task: c.task, messages: suggestionTrainingMessages(c.instruction, c.passage), maxTokens: suggestionMaxTokens(c), cache: false }, clock);
    const scores: Record<string, number> = { editDistance: normalizedEditDistance(c.passage, text.trim()) };
    if (c.expected !== undefined) scores.distanceToExpected = normalizedEditDistance(c.expected, text.trim());
    return { task: "suggestion", id: c.id, ok: true, errorCode: null, latencyMs, ttftMs, scores };
  } catch (error) {
    return failure("suggestion", c.id, started, clock, error);
  }
}
