import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { countUsers, selectUsersByEmail, selectUsersPage, USER_SORTS } from "@/db/queries/admin";
// The admin pages' components take these row types from here (components never import db).
export type { UserListRow, UserSort } from "@/db/queries/admin";
import { utcDay } from "@/db/queries/usage";
import { creditBalance } from "@/lib/credits/account";

/** Admin search: users whose email starts with the query, each with their balance. */
export async function findUsersWithBalances(db: Db, emailQuery: string) {
  const users = await selectUsersByEmail(db, emailQuery, 20);
  return Promise.all(users.map(async (u) => ({ ...u, balance: await creditBalance(db, u.id) })));
}

export const USERS_PAGE_SIZE = 25;
export const SPEND_DAYS = 30;

/** The users list's query string; anything unknown falls back to the default (newest first). */
export const userListSchema = z.object({
  sort: z.enum(USER_SORTS).catch("joined"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type UserListQuery = z.infer<typeof userListSchema>;

/** One page of all users, with balance and spend over the last 30 days (today included). */
export async function listUsers(db: Db, query: UserListQuery, now = Date.now()) {
  const total = await countUsers(db);
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = await selectUsersPage(db, {
    sort: query.sort,
    desc: query.dir === "desc",
    limit: USERS_PAGE_SIZE,
    offset: (page - 1) * USERS_PAGE_SIZE,
    sinceDay: utcDay(now - (SPEND_DAYS - 1) * 86_400_000),
    now,
  });
  return { rows: rows.map((r) => ({
      ...r,
      balance: Number(r.balance),
      spentCredits: Number(r.spentCredits),
      spentMicroUsd: Number(r.spentMicroUsd),
      spentRequests: Number(r.spentRequests),
      spentUnpricedRequests: Number(r.spentUnpricedRequests),
    })), page, pages, total };
}
