import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { chaptersTable, chapterVersionsTable, newId, type ChapterStatus } from "../schema";

export type Chapter = typeof chaptersTable.$inferSelect;

export function selectChapters(db: Db, bookId: string): Promise<Chapter[]> {
  return db.select().from(chaptersTable).where(eq(chaptersTable.bookId, bookId)).orderBy(asc(chaptersTable.position));
}

export async function selectChapter(db: Db, bookId: string, chapterId: string): Promise<Chapter | undefined> {
  const [c] = await db
    .select()
    .from(chaptersTable)
    .where(and(eq(chaptersTable.id, chapterId), eq(chaptersTable.bookId, bookId)))
    .limit(1);
  return c;
}

export function countWords(text: string): number {
  const m = text.match(/[^\s]+/g);
  return m ? m.length : 0;
}

/** A streaming checkpoint: the text so far, only while the chapter is being written by this job. */
export async function checkpointChapter(db: Db, chapterId: string, content: string): Promise<void> {
  await db
    .update(chaptersTable)
    .set({ content, wordCount: countWords(content), status: "writing", updatedAt: new Date() })
    .where(eq(chaptersTable.id, chapterId));
}

export async function setChapterStatus(db: Db, chapterId: string, status: ChapterStatus): Promise<void> {
  await db.update(chaptersTable).set({ status, updatedAt: new Date() }).where(eq(chaptersTable.id, chapterId));
}

/** The finished chapter: text, summary and checks in one statement, with its version bumped. */
export async function completeChapter(
  db: Db,
  chapterId: string,
  input: { content: string; summary: string; qualityChecks: unknown },
): Promise<void> {
  await db
    .update(chaptersTable)
    .set({
      content: input.content,
      wordCount: countWords(input.content),
      summary: input.summary,
      qualityChecks: input.qualityChecks,
      status: "written",
      version: sql`${chaptersTable.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(chaptersTable.id, chapterId));
}

/**
 * A hand edit saves only if nobody saved since the editor loaded (`expectedVersion`); otherwise
 * nothing is written and the caller reports a conflict.
 */
export async function saveChapterText(
  db: Db,
  chapterId: string,
  content: string,
  expectedVersion: number,
): Promise<Chapter | undefined> {
  const [c] = await db
    .update(chaptersTable)
    .set({ content, wordCount: countWords(content), version: expectedVersion + 1, status: content.trim() ? "written" : "planned", updatedAt: new Date() })
    .where(and(eq(chaptersTable.id, chapterId), eq(chaptersTable.version, expectedVersion)))
    .returning();
  return c;
}

/** Keeps the current text as a version before it is replaced (regenerate, restore). */
export function versionStatement(db: Db, chapter: Chapter, reason: string) {
  return db
    .insert(chapterVersionsTable)
    .values({ id: newId("cv"), chapterId: chapter.id, version: chapter.version, content: chapter.content, wordCount: chapter.wordCount, reason })
    .onConflictDoNothing();
}

export function selectVersions(db: Db, chapterId: string) {
  return db
    .select({ id: chapterVersionsTable.id, version: chapterVersionsTable.version, wordCount: chapterVersionsTable.wordCount, reason: chapterVersionsTable.reason, createdAt: chapterVersionsTable.createdAt })
    .from(chapterVersionsTable)
    .where(eq(chapterVersionsTable.chapterId, chapterId))
    .orderBy(sql`${chapterVersionsTable.version} desc`);
}

/** The chapter list beside the editor: titles and counts only, never the text of the whole book. */
export function selectChapterSummaries(db: Db, bookId: string) {
  return db
    .select({ id: chaptersTable.id, position: chaptersTable.position, title: chaptersTable.title, wordCount: chaptersTable.wordCount, status: chaptersTable.status })
    .from(chaptersTable)
    .where(eq(chaptersTable.bookId, bookId))
    .orderBy(asc(chaptersTable.position));
}

/** A chapter's quality checks, brought up to date after a check run outside the writer. */
export async function updateQualityChecks(db: Db, chapterId: string, qualityChecks: unknown): Promise<void> {
  await db.update(chaptersTable).set({ qualityChecks, updatedAt: new Date() }).where(eq(chaptersTable.id, chapterId));
}
