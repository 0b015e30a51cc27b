import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { runRawBatch } from "../batch";
import { bibleEntriesTable, bibleProposalsTable, newId, type BibleKind, type BibleProposalKind } from "../schema";

export type BibleProposal = typeof bibleProposalsTable.$inferSelect;
export type BibleProposalInput = {
  kind: BibleProposalKind;
  entryId: string | null;
  entryKind: BibleKind | null;
  name: string;
  body: string;
  evidence: string;
  bibleSays: string;
};

export function selectOpenProposals(db: Db, bookId: string): Promise<BibleProposal[]> {
  return db
    .select()
    .from(bibleProposalsTable)
    .where(and(eq(bibleProposalsTable.bookId, bookId), eq(bibleProposalsTable.status, "open")))
    .orderBy(asc(bibleProposalsTable.createdAt), asc(bibleProposalsTable.id));
}

export async function selectProposal(db: Db, bookId: string, id: string): Promise<BibleProposal | undefined> {
  const [row] = await db
    .select()
    .from(bibleProposalsTable)
    .where(and(eq(bibleProposalsTable.id, id), eq(bibleProposalsTable.bookId, bookId)))
    .limit(1);
  return row;
}

/** Every proposal a chapter made, whatever became of it (the author's decisions are remembered). */
export function selectChapterProposals(db: Db, chapterId: string): Promise<BibleProposal[]> {
  return db.select().from(bibleProposalsTable).where(eq(bibleProposalsTable.chapterId, chapterId));
}

/**
 * A chapter's new proposals replace the open ones it made before (they were about text that is gone),
 * in one batch; accepted and dismissed ones stay as the author left them.
 */
export async function replaceChapterProposals(db: Db, bookId: string, chapterId: string, proposals: BibleProposalInput[]): Promise<void> {
  await db.batch([
    db.delete(bibleProposalsTable).where(and(eq(bibleProposalsTable.chapterId, chapterId), eq(bibleProposalsTable.status, "open"))),
    // One statement per proposal: D1 binds at most 100 parameters per statement.
    ...proposals.map((p) => db.insert(bibleProposalsTable).values({ id: newId("bp"), bookId, chapterId, ...p })),
  ]);
}

/**
 * Accepts an open proposal: the bible change and the proposal's new status in one batch, the change
 * guarded by the proposal still being open, so two clicks (or two tabs) change the bible once.
 * `change` is a new entry or a new body for an existing one. False when the proposal was no longer open.
 */
export async function acceptProposal(
  db: Db,
  bookId: string,
  proposalId: string,
  change: { newEntry: { kind: BibleKind; name: string; body: string } } | { entryId: string; body: string },
): Promise<boolean> {
  const stillOpen = sql`EXISTS (SELECT 1 FROM ${bibleProposalsTable} WHERE ${bibleProposalsTable.id} = ${proposalId} AND ${bibleProposalsTable.bookId} = ${bookId} AND ${bibleProposalsTable.status} = 'open')`;
  const now = Date.now();
  const bibleChange =
    "newEntry" in change
      ? sql`INSERT INTO ${bibleEntriesTable} (id, book_id, kind, name, aliases, body, created_at, updated_at)
            SELECT ${newId("bib")}, ${bookId}, ${change.newEntry.kind}, ${change.newEntry.name}, '[]', ${change.newEntry.body}, ${now}, ${now} WHERE ${stillOpen}`
      : sql`UPDATE ${bibleEntriesTable} SET body = ${change.body}, updated_at = ${now}
            WHERE ${bibleEntriesTable.id} = ${change.entryId} AND ${bibleEntriesTable.bookId} = ${bookId} AND ${stillOpen}`;
  const [, decided] = await runRawBatch(db, [
    bibleChange,
    sql`UPDATE ${bibleProposalsTable} SET status = 'accepted', updated_at = ${now}
        WHERE ${bibleProposalsTable.id} = ${proposalId} AND ${bibleProposalsTable.bookId} = ${bookId} AND ${bibleProposalsTable.status} = 'open' RETURNING id`,
  ]);
  return (decided?.length ?? 0) === 1;
}

/** Dismisses an open proposal; false when it was no longer open. */
export async function dismissProposal(db: Db, bookId: string, proposalId: string): Promise<boolean> {
  const rows = await db
    .update(bibleProposalsTable)
    .set({ status: "dismissed", updatedAt: new Date() })
    .where(and(eq(bibleProposalsTable.id, proposalId), eq(bibleProposalsTable.bookId, bookId), eq(bibleProposalsTable.status, "open")))
    .returning({ id: bibleProposalsTable.id });
  return rows.length === 1;
}
