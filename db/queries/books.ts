import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { booksTable, newId } from "../schema";
export type Book = typeof booksTable.$inferSelect;
/** What a new book is made of (lib/books/schemas.ts validates it before it gets here). */
export type NewBookFields = Pick<typeof booksTable.$inferInsert, "title" | "premise" | "genre" | "audience" | "tone" | "chapterCount" | "wordsPerChapter">;

export function selectBooksOfOwner(db: Db, ownerId: string): Promise<Book[]> {
  return db
    .select()
    .from(booksTable)
    .where(eq(booksTable.ownerId, ownerId))
    .orderBy(desc(booksTable.createdAt), desc(booksTable.id));
}

export async function selectOwnedBook(db: Db, ownerId: string, bookId: string): Promise<Book | undefined> {
  const [book] = await db
    .select()
    .from(booksTable)
    .where(and(eq(booksTable.id, bookId), eq(booksTable.ownerId, ownerId)))
    .limit(1);
  return book;
}

export async function insertBook(db: Db, ownerId: string, input: NewBookFields): Promise<Book> {
  const [book] = await db
    .insert(booksTable)
    .values({ id: newId("bk"), ownerId, ...input })
    .returning();
  return book!;
}

/** One conditional statement: the owner check and the change cannot be separated. */
export async function updateOwnedBookTitle(
  db: Db,
  ownerId: string,
  bookId: string,
  title: string,
): Promise<Book | undefined> {
  const [book] = await db
    .update(booksTable)
    .set({ title, updatedAt: new Date() })
    .where(and(eq(booksTable.id, bookId), eq(booksTable.ownerId, ownerId)))
    .returning();
  return book;
}

export type BookDetails = Pick<Book, "premise" | "genre" | "audience" | "tone" | "chapterCount" | "wordsPerChapter">;

/** Premise, genre, audience, tone and sizes, in one conditional statement with the owner check. */
export async function updateOwnedBookDetails(db: Db, ownerId: string, bookId: string, details: BookDetails): Promise<Book | undefined> {
  const [book] = await db
    .update(booksTable)
    .set({ ...details, updatedAt: new Date() })
    .where(and(eq(booksTable.id, bookId), eq(booksTable.ownerId, ownerId)))
    .returning();
  return book;
}

export async function deleteOwnedBook(db: Db, ownerId: string, bookId: string): Promise<boolean> {
  const rows = await db
    .delete(booksTable)
    .where(and(eq(booksTable.id, bookId), eq(booksTable.ownerId, ownerId)))
    .returning({ id: booksTable.id });
  return rows.length === 1;
}

/**
 * The book's status from its chapters, in one statement (no read-then-write race between two
 * writers): every chapter written → drafted; any with text or being written → writing; otherwise
 * outlined. A book without chapters keeps its status (draft). See lib/books/status.ts for the rule.
 */
export function bookStatusStatement(db: Db, bookId: string) {
  return db.run(sql`UPDATE books SET status = CASE
      WHEN NOT EXISTS (SELECT 1 FROM chapters WHERE book_id = ${bookId} AND status <> 'written') THEN 'drafted'
      WHEN EXISTS (SELECT 1 FROM chapters WHERE book_id = ${bookId} AND (status IN ('written', 'writing') OR content <> '')) THEN 'writing'
      ELSE 'outlined' END
    WHERE id = ${bookId} AND EXISTS (SELECT 1 FROM chapters WHERE book_id = ${bookId})`);
}
