import type { Db } from "@/db/client";
import { selectBalance, selectHistoryPage } from "@/db/queries/credits";
import { closeExpiredGrants } from "./expiry";

/** A user's balance as it stands now: expired grants are closed first, so the figure is exact. */
export async function creditBalance(db: Db, userId: string): Promise<number> {
  await closeExpiredGrants(db, userId);
  return selectBalance(db, userId);
}

export const HISTORY_PAGE_SIZE = 20;

/** Cursor of a history page: `<createdAtMs>.<id>`, opaque to the page, checked here. */
export function parseHistoryCursor(cursor: string | undefined): { createdAt: number; id: string } | undefined {
  const match = cursor?.match(/^(\d{1,15})\.(ctx_[a-z0-9]{1,40})$/);
  return match ? { createdAt: Number(match[1]), id: match[2]! } : undefined;
}

export async function creditHistory(db: Db, userId: string, cursor?: string) {
  const rows = await selectHistoryPage(db, userId, HISTORY_PAGE_SIZE + 1, parseHistoryCursor(cursor));
  const page = rows.slice(0, HISTORY_PAGE_SIZE);
  const last = page.at(-1);
  return {
    entries: page,
    nextCursor: rows.length > HISTORY_PAGE_SIZE && last ? `${last.createdAt.getTime()}.${last.id}` : null,
  };
}
