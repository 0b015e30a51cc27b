import { z } from "zod";
import type { Db } from "@/db/client";
import { insertApiKey, revokeOwnedKey, selectActiveKeyByHash, selectApiKeysOfUser, touchApiKey, type ApiKeyListing } from "@/db/queries/api-keys";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/books/library";

/**
 * Personal API keys for the OpenAI-compatible gateway. The secret is shown once at creation; only
 * its SHA-256 hash and a short display prefix are stored.
 */
export const MAX_KEYS_PER_USER = 20;
export const apiKeyNameSchema = z.string().trim().min(1, "Give the key a name").max(60);
export const apiKeyIdSchema = z.string().regex(/^key_[a-z0-9]{8,40}$/, "not a key id");

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `qk_${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("")}`;
}

export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function createApiKey(db: Db, caller: Caller, name: string): Promise<{ key: ApiKeyListing; secret: string }> {
  const existing = await selectApiKeysOfUser(db, caller.id);
  if (existing.filter((k) => !k.revokedAt).length >= MAX_KEYS_PER_USER) {
    throw new AppError("rate_limit:api", { details: { reason: "too_many_keys", limit: MAX_KEYS_PER_USER } });
  }
  const secret = newSecret();
  const key = await insertApiKey(db, { userId: caller.id, name, prefix: secret.slice(0, 10), hash: await hashSecret(secret) });
  return { key, secret };
}

export function listApiKeys(db: Db, caller: Caller): Promise<ApiKeyListing[]> {
  return selectApiKeysOfUser(db, caller.id);
}

export async function revokeApiKey(db: Db, caller: Caller, keyId: string): Promise<void> {
  if (!(await revokeOwnedKey(db, caller.id, keyId))) throw new AppError("not_found:api");
}

export type KeyHolder = Caller & { apiKeyId: string };

/**
 * The hash of the key in an `Authorization: Bearer qk_…` header, without looking it up (the gateway
 * looks it up in its own D1 batch: ./admission.ts); a header of the wrong form is unauthorized:api.
 */
export async function bearerKeyHash(authorization: string | null): Promise<string> {
  const secret = /^Bearer\s+(qk_[A-Za-z0-9]{20,80})\s*$/.exec(authorization ?? "")?.[1];
  if (!secret) throw new AppError("unauthorized:api");
  return hashSecret(secret);
}

/**
 * The person behind an `Authorization: Bearer qk_…` header, or unauthorized:api. "Last used" is
 * written off the response path (`defer`), since nobody waits for it.
 */
export async function authenticateApiKey(
  db: Db,
  authorization: string | null,
  defer: (work: Promise<unknown>) => void = (work) => void work,
): Promise<KeyHolder> {
  const holder = await keyHolderOf(db, await bearerKeyHash(authorization));
  defer(touchApiKey(db, holder.apiKeyId).catch((err: unknown) => console.error("[quire] could not record key use", err)));
  return holder;
}

/** The person behind an active key's hash, or unauthorized:api. */
export async function keyHolderOf(db: Db, hash: string): Promise<KeyHolder> {
  const key = await selectActiveKeyByHash(db, hash);
  if (!key) throw new AppError("unauthorized:api");
  return { id: key.userId, role: key.role === "admin" ? "admin" : "user", apiKeyId: key.id };
}
