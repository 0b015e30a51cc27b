import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { booksTable, llmCallsTable, userTable } from "@/db/schema";

export async function countPlatform(db: Db): Promise<{ users: number; books: number; llmCalls: number }> {
  const [users, books, llmCalls] = await db.batch([
    db.select({ n: sql<number>`count(*)` }).from(userTable),
    db.select({ n: sql<number>`count(*)` }).from(booksTable),
    db.select({ n: sql<number>`count(*)` }).from(llmCallsTable),
  ]);
  return { users: users[0]?.n ?? 0, books: books[0]?.n ?? 0, llmCalls: llmCalls[0]?.n ?? 0 };
}
