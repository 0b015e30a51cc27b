import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Book } from "@/db/queries/books";
import { chaptersTable, userTable } from "@/db/schema";
import { openBook, type Caller } from "@/lib/books/library";
import { currentCover } from "@/lib/covers/current";
import { AppError } from "@/lib/errors";
import { oneLine, type ExportSource } from "./manuscript";

/**
 * Reads a book for export: its metadata, cover and chapter list up front (a few hundred bytes per
 * chapter), and each chapter's text only when the writer reaches it, so a 150,000-word book never
 * sits in memory whole.
 */
export async function ownerName(db: Db, ownerId: string): Promise<string> {
  const [owner] = await db.select({ name: userTable.name }).from(userTable).where(eq(userTable.id, ownerId)).limit(1);
  return owner?.name.trim() || "Anonymous";
}

export async function exportSource(db: Db, bucket: R2Bucket | undefined, book: Book): Promise<ExportSource> {
  const [author, chapters] = await Promise.all([
    ownerName(db, book.ownerId),
    db
      .select({ id: chaptersTable.id, position: chaptersTable.position, title: chaptersTable.title })
      .from(chaptersTable)
      .where(eq(chaptersTable.bookId, book.id))
      .orderBy(asc(chaptersTable.position)),
  ]);
  if (chapters.length === 0) throw new AppError("bad_request:export", { details: { reason: "no_chapters" } });
  const cover = await currentCover(bucket, book, author);
  return {
    book: { id: book.id, title: oneLine(book.title, "Untitled"), author: oneLine(author, "Anonymous"), genre: book.genre, premise: book.premise, language: "en", modifiedAt: book.updatedAt },
    chapters: chapters.map((c, i) => ({ id: c.id, number: i + 1, title: oneLine(c.title, `Chapter ${i + 1}`) })),
    cover: { bytes: cover.bytes, mediaType: cover.mediaType },
    async chapterText(chapterId) {
      const [row] = await db
        .select({ content: chaptersTable.content })
        .from(chaptersTable)
        .where(and(eq(chaptersTable.id, chapterId), eq(chaptersTable.bookId, book.id)))
        .limit(1);
      // A chapter deleted while the export runs is exported empty rather than failing the download.
      return row?.content ?? "";
    },
  };
}

/** The caller's own book, ready to export; another user's book is `not_found:book`. */
export async function openExport(db: Db, bucket: R2Bucket | undefined, caller: Caller, bookId: string): Promise<ExportSource> {
  return exportSource(db, bucket, await openBook(db, caller, bookId));
}
