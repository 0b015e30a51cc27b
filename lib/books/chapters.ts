import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { chaptersTable, chapterVersionsTable } from "@/db/schema";
import { bookStatusStatement } from "@/db/queries/books";
import { countWords, saveChapterText, selectChapter, versionStatement, type Chapter } from "@/db/queries/chapters";
import { AppError } from "@/lib/errors";
import { openBook, type Caller } from "./library";
import { bookIdSchema } from "./schemas";
import { chapterIdSchema } from "./outline-edit-schema";
import { assertNoActiveJob } from "./outline";

/** A chapter's text: 200,000 characters is far beyond the longest chapter Quire plans. */
export const CHAPTER_TEXT_LIMIT = 200_000;

export const saveChapterSchema = z.object({
  bookId: bookIdSchema,
  chapterId: chapterIdSchema,
  content: z.string().max(CHAPTER_TEXT_LIMIT, `A chapter can hold at most ${CHAPTER_TEXT_LIMIT.toLocaleString("en")} characters`),
  expectedVersion: z.number().int().min(1),
});

export const restoreVersionSchema = z.object({
  bookId: bookIdSchema,
  chapterId: chapterIdSchema,
  versionId: z.string().regex(/^cv_[a-z0-9]{8,40}$/),
});

export async function openChapter(db: Db, caller: Caller, bookId: string, chapterId: string): Promise<Chapter> {
  await openBook(db, caller, bookId);
  const chapter = await selectChapter(db, bookId, chapterId);
  if (!chapter) throw new AppError("not_found:chapter");
  return chapter;
}

/** A hand edit; a save based on an older version is a concurrent change and is refused, not merged. */
export async function saveChapterByHand(db: Db, caller: Caller, input: z.infer<typeof saveChapterSchema>): Promise<Chapter> {
  await openChapter(db, caller, input.bookId, input.chapterId);
  await assertNoActiveJob(db, input.bookId);
  const saved = await saveChapterText(db, input.chapterId, input.content, input.expectedVersion);
  if (!saved) {
    const current = await selectChapter(db, input.bookId, input.chapterId);
    throw new AppError("conflict:chapter", { details: { currentVersion: current?.version ?? null } });
  }
  await bookStatusStatement(db, input.bookId);
  return saved;
}

/** Brings back an earlier version; the text it replaces becomes a version itself. */
export async function restoreVersion(db: Db, caller: Caller, input: z.infer<typeof restoreVersionSchema>): Promise<void> {
  const chapter = await openChapter(db, caller, input.bookId, input.chapterId);
  await assertNoActiveJob(db, input.bookId);
  const [version] = await db
    .select()
    .from(chapterVersionsTable)
    .where(and(eq(chapterVersionsTable.id, input.versionId), eq(chapterVersionsTable.chapterId, chapter.id)));
  if (!version) throw new AppError("not_found:chapter");
  await db.batch([
    versionStatement(db, chapter, "restore"),
    db
      .update(chaptersTable)
      .set({ content: version.content, wordCount: countWords(version.content), status: "written", version: chapter.version + 1, updatedAt: new Date() })
      .where(and(eq(chaptersTable.id, chapter.id), eq(chaptersTable.version, chapter.version))),
  ]);
  await bookStatusStatement(db, input.bookId);
}
