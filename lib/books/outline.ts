import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { booksTable, chaptersTable, newId, bibleEntriesTable } from "@/db/schema";
import { selectChapters } from "@/db/queries/chapters";
import { selectBible } from "@/db/queries/bible";
import { selectLatestJobForBook } from "@/db/queries/jobs";
import { AppError } from "@/lib/errors";
import { approximateTokens, type LlmService } from "@/lib/llm";
import { fromLlmError } from "@/lib/llm-errors";
import { charged } from "@/lib/credits/charge";
import { worstCaseCredits } from "@/lib/credits/prices";
import { openBook, type Caller } from "./library";
import { outlineMessages } from "./prompts";
import { outlineSchemaFor, type Outline, type OutlineMeta } from "./outline-schema";
import type { OutlineEdit } from "./outline-edit-schema";

/** The most an outline's answer may use: a plan of every chapter, and the schema instruction sent with it. */
const OUTLINE_BASE_TOKENS = 2_000;
const OUTLINE_TOKENS_PER_CHAPTER = 400;
const OUTLINE_SCHEMA_TOKENS = 1_000;

/**
 * Generates the book's outline (structured, validated, repaired or asked again by the LLM service,
 * never saved broken) and its first story bible, and saves both in one batch.
 */
export async function generateOutline(db: Db, llm: LlmService, caller: Caller, bookId: string): Promise<Outline> {
  const book = await openBook(db, caller, bookId);
  await assertNoActiveJob(db, bookId);
  const chapters = await selectChapters(db, bookId);
  if (chapters.some((c) => c.content.trim())) throw new AppError("conflict:outline", { details: { reason: "chapters_written" } });

  const messages = outlineMessages(book);
  const maxTokens = OUTLINE_BASE_TOKENS + book.chapterCount * OUTLINE_TOKENS_PER_CHAPTER;
  const promptTokens = messages.reduce((n, m) => n + approximateTokens(m.content), 0) + OUTLINE_SCHEMA_TOKENS;
  let outline: Outline;
  try {
    outline = await charged(
      db,
      {
        userId: caller.id,
        key: `outline:${bookId}:${crypto.randomUUID()}`,
        surface: "outline",
        description: `Outline: ${book.title}`,
        // generateObject may ask once more with the first answer in the prompt: two calls at worst.
        estimate: 2 * worstCaseCredits({ task: "outline", promptTokens: promptTokens + maxTokens, maxOutputTokens: maxTokens }),
      },
      async (meter) => {
        const result = await llm.generateObject({
          task: "outline",
          schema: outlineSchemaFor(book.chapterCount),
          schemaName: "outline",
          messages,
          maxTokens,
          user: { id: caller.id },
          bookId,
          onUsage: meter.onUsage,
        });
        return result.object;
      },
    );
  } catch (err) {
    throw fromLlmError(err, "outline");
  }

  const existingBible = await selectBible(db, bookId);
  const known = new Set(existingBible.map((e) => e.name.toLowerCase()));
  const meta: OutlineMeta = { logline: outline.logline, setting: outline.setting, generatedTitle: outline.title };
  const newEntries = [
    ...outline.characters
      .filter((c) => !known.has(c.name.toLowerCase()))
      .map((c) => ({ kind: "character" as const, name: c.name, aliases: c.aliases, body: `${c.role}. ${c.description}` })),
    ...(existingBible.some((e) => e.kind === "place") ? [] : [{ kind: "place" as const, name: "Setting", aliases: [], body: outline.setting }]),
    ...(existingBible.some((e) => e.kind === "style_rule")
      ? []
      : [{ kind: "style_rule" as const, name: "Voice", aliases: [], body: `Tone: ${book.tone}. Written for ${book.audience} readers of ${book.genre.toLowerCase()}.` }]),
  ];
  await db.batch([
    db.update(booksTable).set({ outline: meta, status: "outlined", updatedAt: new Date() }).where(eq(booksTable.id, bookId)),
    db.delete(chaptersTable).where(eq(chaptersTable.bookId, bookId)),
    // One statement per chapter: D1 binds at most 100 parameters per statement.
    ...outline.chapters.map((c, i) =>
      db.insert(chaptersTable).values({ id: newId("ch"), bookId, position: i, title: c.title, synopsis: c.synopsis, beats: c.beats }),
    ),
    ...newEntries.map((e) => db.insert(bibleEntriesTable).values({ id: newId("bib"), bookId, ...e })),
  ]);
  return outline;
}

/**
 * Saves the author's edits to the plan in one batch: titles, synopses and beats changed, chapters
 * added, removed and reordered. A chapter that already has text cannot be removed here.
 */
export async function saveOutline(db: Db, caller: Caller, bookId: string, edit: OutlineEdit): Promise<void> {
  await openBook(db, caller, bookId);
  await assertNoActiveJob(db, bookId);
  const current = await selectChapters(db, bookId);
  const byId = new Map(current.map((c) => [c.id, c]));
  for (const c of edit.chapters) {
    if (c.id && !byId.has(c.id)) throw new AppError("not_found:chapter");
  }
  const kept = new Set(edit.chapters.flatMap((c) => (c.id ? [c.id] : [])));
  const removed = current.filter((c) => !kept.has(c.id));
  if (removed.some((c) => c.content.trim())) throw new AppError("conflict:outline", { details: { reason: "removes_written_chapter" } });

  await db.batch([
    // Positions move out of the way first so the new order never collides mid-batch.
    db.update(chaptersTable).set({ position: sql`${chaptersTable.position} + 100000` }).where(eq(chaptersTable.bookId, bookId)),
    ...removed.map((c) => db.delete(chaptersTable).where(eq(chaptersTable.id, c.id))),
    ...edit.chapters.map((c, position) =>
      c.id
        ? db
            .update(chaptersTable)
            .set({ position, title: c.title, synopsis: c.synopsis, beats: c.beats, updatedAt: new Date() })
            .where(eq(chaptersTable.id, c.id))
        : db.insert(chaptersTable).values({ id: newId("ch"), bookId, position, title: c.title, synopsis: c.synopsis, beats: c.beats }),
    ),
    db.update(booksTable).set({ chapterCount: edit.chapters.length, updatedAt: new Date() }).where(eq(booksTable.id, bookId)),
  ]);
}

export async function assertNoActiveJob(db: Db, bookId: string): Promise<void> {
  const job = await selectLatestJobForBook(db, bookId);
  if (job && (job.status === "queued" || job.status === "running")) throw new AppError("conflict:job", { details: { jobId: job.id } });
}
