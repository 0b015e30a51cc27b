import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { newId, passagesTable } from "../schema";

export type PassageVectorRow = { id: string; chapterId: string; seq: number; vector: string };
export type NewPassage = { seq: number; text: string; wordCount: number; vector: string };

/** Every passage vector of a book made by one model (no text: recall reads the winners' text after). */
export function selectPassageVectors(db: Db, bookId: string, model: string): Promise<PassageVectorRow[]> {
  return db
    .select({ id: passagesTable.id, chapterId: passagesTable.chapterId, seq: passagesTable.seq, vector: passagesTable.vector })
    .from(passagesTable)
    .where(and(eq(passagesTable.bookId, bookId), eq(passagesTable.model, model)));
}

export function selectPassageTexts(db: Db, ids: string[]): Promise<Array<{ id: string; text: string }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: passagesTable.id, text: passagesTable.text }).from(passagesTable).where(inArray(passagesTable.id, ids));
}

/** Which chapter versions of a book have passages from this model. */
export async function selectEmbeddedVersions(db: Db, bookId: string, model: string): Promise<Map<string, number>> {
  const rows = await db
    .selectDistinct({ chapterId: passagesTable.chapterId, chapterVersion: passagesTable.chapterVersion })
    .from(passagesTable)
    .where(and(eq(passagesTable.bookId, bookId), eq(passagesTable.model, model)));
  return new Map(rows.map((r) => [r.chapterId, r.chapterVersion]));
}

/** A chapter's passages replaced in one batch (all or none): the old cut of any model goes. */
export async function replaceChapterPassages(db: Db, input: { bookId: string; chapterId: string; chapterVersion: number; model: string; dimensions: number; passages: NewPassage[] }): Promise<void> {
  const { bookId, chapterId, chapterVersion, model, dimensions } = input;
  const inserts = input.passages.map((p) => db.insert(passagesTable).values({ id: newId("psg"), bookId, chapterId, chapterVersion, model, dimensions, ...p }));
  await db.batch([db.delete(passagesTable).where(eq(passagesTable.chapterId, chapterId)), ...inserts]);
}
