import { and, desc, eq } from "drizzle-orm";
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

export async function deleteOwnedBook(db: Db, ownerId: string, bookId: string): Promise<boolean> {
  const rows = await db
    .delete(booksTable)
    .where(and(eq(booksTable.id, bookId), eq(booksTable.ownerId, ownerId)))
    .returning({ id: booksTable.id });
  return rows.length === 1;
}
