import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { apiKeysTable, newId } from "../schema";

export type ApiKey = typeof apiKeysTable.$inferSelect;
export type ApiKeyListing = Pick<ApiKey, "id" | "name" | "prefix" | "createdAt" | "lastUsedAt" | "revokedAt">;

export async function insertApiKey(db: Db, input: { userId: string; name: string; prefix: string; hash: string }): Promise<ApiKeyListing> {
  const [row] = await db
    .insert(apiKeysTable)
    .values({ id: newId("key"), ...input, createdAt: new Date() })
    .returning();
  return row!;
}

export function selectApiKeysOfUser(db: Db, userId: string): Promise<ApiKeyListing[]> {
  return db
    .select({ id: apiKeysTable.id, name: apiKeysTable.name, prefix: apiKeysTable.prefix, createdAt: apiKeysTable.createdAt, lastUsedAt: apiKeysTable.lastUsedAt, revokedAt: apiKeysTable.revokedAt })
    .from(apiKeysTable)
    .where(eq(apiKeysTable.userId, userId))
    .orderBy(desc(apiKeysTable.createdAt));
}

/** An active key by its hash; revoked keys are never returned. */
export async function selectActiveKeyByHash(db: Db, hash: string): Promise<ApiKey | undefined> {
  const [row] = await db
    .select()
    .from(apiKeysTable)
    .where(and(eq(apiKeysTable.hash, hash), isNull(apiKeysTable.revokedAt)))
    .limit(1);
  return row;
}

export async function revokeOwnedKey(db: Db, userId: string, keyId: string): Promise<boolean> {
  const rows = await db
    .update(apiKeysTable)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeysTable.id, keyId), eq(apiKeysTable.userId, userId), isNull(apiKeysTable.revokedAt)))
    .returning({ id: apiKeysTable.id });
  return rows.length === 1;
}

export async function touchApiKey(db: Db, keyId: string): Promise<void> {
  await db.update(apiKeysTable).set({ lastUsedAt: new Date() }).where(eq(apiKeysTable.id, keyId));
}
