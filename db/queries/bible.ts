import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { bibleEntriesTable, newId, type BibleKind } from "../schema";

export type BibleEntry = typeof bibleEntriesTable.$inferSelect;
export type BibleEntryInput = { kind: BibleKind; name: string; aliases: string[]; body: string };

export function selectBible(db: Db, bookId: string): Promise<BibleEntry[]> {
  return db
    .select()
    .from(bibleEntriesTable)
    .where(eq(bibleEntriesTable.bookId, bookId))
    .orderBy(asc(bibleEntriesTable.kind), asc(bibleEntriesTable.name));
}

export function insertBibleEntryStatement(db: Db, bookId: string, entry: BibleEntryInput) {
  return db.insert(bibleEntriesTable).values({ id: newId("bib"), bookId, ...entry });
}

export async function updateBibleEntry(db: Db, bookId: string, id: string, entry: BibleEntryInput): Promise<boolean> {
  const rows = await db
    .update(bibleEntriesTable)
    .set({ ...entry, updatedAt: new Date() })
    .where(and(eq(bibleEntriesTable.id, id), eq(bibleEntriesTable.bookId, bookId)))
    .returning({ id: bibleEntriesTable.id });
  return rows.length === 1;
}

export async function deleteBibleEntry(db: Db, bookId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(bibleEntriesTable)
    .where(and(eq(bibleEntriesTable.id, id), eq(bibleEntriesTable.bookId, bookId)))
    .returning({ id: bibleEntriesTable.id });
  return rows.length === 1;
}
