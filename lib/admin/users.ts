import "server-only";
import type { Db } from "@/db/client";
import { selectUsersByEmail } from "@/db/queries/admin";
import { creditBalance } from "@/lib/credits/account";

/** Admin search: users whose email starts with the query, each with their balance. */
export async function findUsersWithBalances(db: Db, emailQuery: string) {
  const users = await selectUsersByEmail(db, emailQuery, 20);
  return Promise.all(users.map(async (u) => ({ ...u, balance: await creditBalance(db, u.id) })));
}
