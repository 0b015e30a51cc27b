import type { Db } from "@/db/client";
import type { ChatMessage } from "@/lib/llm";
import { selectChapters } from "@/db/queries/chapters";
import { selectBible } from "@/db/queries/bible";
import { buildChapterContext } from "@/lib/books/context";
import { outputTokensFor } from "@/lib/books/length";
import { withinRange, type ExportOptions, type TrainingTask } from "./options";
import { keptOutline } from "./outline-answer";
import { outlineTrainingMessages, suggestionInstruction, suggestionTrainingMessages } from "./prompts";
import { scrubPersonalData, type Person } from "./privacy";
import { chapterPassesQuality } from "./quality-gate";
import { isReworked, NOT_A_REWRITE } from "./rework";
import { selectAcceptedSuggestions, selectChapterTexts, selectOptedInBooks, selectPossibleReworks, type AuthoredBook } from "./select";

/** One fine-tuning example in the chat format (OpenAI, Unsloth, Workers AI LoRA tooling). */
export type TrainingExample = { task: TrainingTask; messages: ChatMessage[] };

export type ExportStats = {
  written: Record<TrainingTask, number>;
  /** Why kept work was left out, by reason (e.g. `chapter:quality`). */
  skipped: Record<string, number>;
};

export function emptyStats(): ExportStats {
  return { written: { outline: 0, chapter: 0, suggestion: 0 }, skipped: {} };
}

/** The line written to the JSONL file: only the messages, so nothing but prompt and answer leaves. */
export function toJsonlLine(example: TrainingExample): string {
  return JSON.stringify({ messages: example.messages });
}

/**
 * Every example the options select, book by book (so memory holds one book at a time), then the
 * accepted suggestions. `stats` is filled as the examples are produced.
 */
export async function* trainingExamples(db: Db, options: ExportOptions, stats: ExportStats = emptyStats()): AsyncGenerator<TrainingExample> {
  const skip = (reason: string) => void (stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1);
  const emit = (task: TrainingTask, messages: ChatMessage[], author: Person): TrainingExample => {
    stats.written[task]++;
    return { task, messages: messages.map((m) => ({ role: m.role, content: scrubPersonalData(m.content, author) })) };
  };

  if (options.tasks.includes("outline") || options.tasks.includes("chapter")) {
    for (const authored of await selectOptedInBooks(db)) {
      for (const example of await bookExamples(db, authored, options, skip)) yield emit(example.task, example.messages, authored.author);
    }
  }
  if (options.tasks.includes("suggestion")) {
    for (const example of await suggestionExamples(db, options, skip)) yield emit("suggestion", example.messages, example.author);
  }
}

type Skip = (reason: string) => void;

async function bookExamples(db: Db, { book }: AuthoredBook, options: ExportOptions, skip: Skip): Promise<TrainingExample[]> {
  const [chapters, bible] = await Promise.all([selectChapters(db, book.id), selectBible(db, book.id)]);
  const out: TrainingExample[] = [];
  const written = chapters.filter((c) => c.status === "written" && c.content.trim().length > 0);

  if (options.tasks.includes("outline") && withinRange(book.updatedAt.getTime(), options)) {
    const outline = keptOutline(book, chapters, bible);
    if (!outline) skip("outline:no_valid_outline");
    // At the quality bar, an outline counts as kept once the author has written from it.
    else if (options.minQuality && written.length === 0) skip("outline:not_written_from");
    else {
      const prompt = await outlineTrainingMessages({ ...book, chapterCount: chapters.length });
      out.push({ task: "outline", messages: [...prompt, { role: "assistant", content: JSON.stringify(outline) }] });
    }
  }

  if (options.tasks.includes("chapter")) {
    for (const chapter of written) {
      if (!withinRange(chapter.updatedAt.getTime(), options)) continue;
      if (options.minQuality && !chapterPassesQuality(chapter, book.wordsPerChapter)) {
        skip("chapter:quality");
        continue;
      }
      // The same builder and budget the chapter writer uses (lib/jobs/chapter-writer.ts).
      const context = buildChapterContext({
        book,
        chapters,
        chapterIndex: chapters.indexOf(chapter),
        bible,
        budget: { contextWindow: options.contextWindow, outputTokens: outputTokensFor(book.wordsPerChapter) },
      });
      out.push({ task: "chapter", messages: [...context.messages, { role: "assistant", content: chapter.content.trim() }] });
    }
  }
  return out;
}

async function suggestionExamples(db: Db, options: ExportOptions, skip: Skip): Promise<Array<{ messages: ChatMessage[]; author: Person }>> {
  const accepted = (await selectAcceptedSuggestions(db)).filter((a) => withinRange(a.event.createdAt.getTime(), options));
  if (accepted.length === 0) return [];
  const earliest = accepted[0]!.event.createdAt;
  const later = await selectPossibleReworks(db, [...new Set(accepted.map((a) => a.event.userId))], earliest);
  const texts = options.minQuality
    ? await selectChapterTexts(db, [...new Set(accepted.flatMap((a) => (a.event.chapterId ? [a.event.chapterId] : [])))])
    : new Map<string, string>();

  const out: Array<{ messages: ChatMessage[]; author: Person }> = [];
  for (const { event, author } of accepted) {
    if (NOT_A_REWRITE.has(event.instruction)) {
      skip("suggestion:not_a_rewrite");
      continue;
    }
    if (!event.suggestion.trim() || event.suggestion.trim() === event.original.trim()) {
      skip("suggestion:no_change");
      continue;
    }
    if (isReworked(event, later)) {
      skip("suggestion:reworked");
      continue;
    }
    // At the quality bar, the accepted text must still stand in the manuscript (a hand edit the
    // editor did not record as rework also disqualifies it).
    if (options.minQuality && !(event.chapterId && texts.get(event.chapterId)?.includes(event.suggestion.trim()))) {
      skip("suggestion:not_in_manuscript");
      continue;
    }
    out.push({
      author,
      messages: [...suggestionTrainingMessages(suggestionInstruction(event.instruction), event.original), { role: "assistant", content: event.suggestion }],
    });
  }
  return out;
}
