import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { newId, suggestionEventsTable } from "../schema";

export type SuggestionEvent = typeof suggestionEventsTable.$inferSelect;

/**
 * `action` is one of:
 * - offered: the server showed a suggestion (its id is the suggestion id the editor holds);
 * - accept / reject: the writer took it or turned it down (a chapter-check finding dismissed is a reject);
 * - edit: the writer later changed text that came from an accepted suggestion
 *   (`original` = what was accepted, `suggestion` = what the writer made of it).
 */
export const SUGGESTION_ACTIONS = ["offered", "accept", "reject", "edit"] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

/** Records a suggestion shown to a writer (outcomes go through insertSuggestionOutcome). */
export async function insertSuggestionEvent(
  db: Db,
  event: Omit<SuggestionEvent, "id" | "createdAt" | "action" | "suggestionId"> & { id?: string; action: "offered" },
): Promise<string> {
  const id = event.id ?? newId("se");
  await db.insert(suggestionEventsTable).values({ ...event, id, suggestionId: null, createdAt: new Date() });
  return id;
}

export type SuggestionOutcomeEvent = Omit<SuggestionEvent, "id" | "createdAt" | "action" | "suggestionId"> & {
  suggestionId: string;
  action: Exclude<SuggestionAction, "offered">;
};

/**
 * Records an outcome once per suggestion and kind (unique index on suggestion_id + action): a repeated
 * accept or reject is ignored, so acceptance counts cannot be inflated by resending. A repeated edit
 * keeps the first row's `original` (the accepted text) and takes the writer's latest text.
 */
export async function insertSuggestionOutcome(db: Db, event: SuggestionOutcomeEvent): Promise<void> {
  const row = { ...event, id: newId("se"), createdAt: new Date() };
  const target = [suggestionEventsTable.suggestionId, suggestionEventsTable.action];
  if (event.action === "edit") {
    await db
      .insert(suggestionEventsTable)
      .values(row)
      .onConflictDoUpdate({ target, set: { suggestion: sql`excluded.suggestion`, createdAt: sql`excluded.created_at` } });
  } else {
    await db.insert(suggestionEventsTable).values(row).onConflictDoNothing({ target });
  }
}

/** The suggestion a writer was offered, only if it was offered to them. */
export async function selectOfferedSuggestion(db: Db, userId: string, suggestionId: string): Promise<SuggestionEvent | undefined> {
  const [row] = await db
    .select()
    .from(suggestionEventsTable)
    .where(and(eq(suggestionEventsTable.id, suggestionId), eq(suggestionEventsTable.userId, userId), eq(suggestionEventsTable.action, "offered")))
    .limit(1);
  return row;
}

export function selectSuggestionEventsOfChapter(db: Db, chapterId: string): Promise<SuggestionEvent[]> {
  return db.select().from(suggestionEventsTable).where(eq(suggestionEventsTable.chapterId, chapterId));
}
