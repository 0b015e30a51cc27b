import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { booksTable } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { COVER_EXTENSIONS, type CoverAsset, type CoverMediaType } from "@/lib/export/manuscript";

/**
 * Covers live in R2; the book row holds the key. The object is written first and the key set in one
 * conditional statement (owner and previous key both checked), so a reader never sees a key without
 * its object, a concurrent change is refused rather than lost, and the replaced object is removed
 * only after the row points elsewhere. A failed update removes the new object again.
 */
export type CoverOrigin = "typographic" | "painted" | "upload";

export type StoredCover = CoverAsset & { etag: string; origin: CoverOrigin | "unknown" };

function newCoverKey(bookId: string, mediaType: CoverMediaType): string {
  const suffix = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36);
  return `covers/${bookId}/${Date.now().toString(36)}-${suffix}.${COVER_EXTENSIONS[mediaType]}`;
}

export async function replaceCover(
  db: Db,
  bucket: R2Bucket,
  input: { ownerId: string; bookId: string; previousKey: string | null; asset: CoverAsset; origin: CoverOrigin },
): Promise<string> {
  const key = newCoverKey(input.bookId, input.asset.mediaType);
  await bucket.put(key, input.asset.bytes, {
    httpMetadata: { contentType: input.asset.mediaType },
    customMetadata: { origin: input.origin, bookId: input.bookId },
  });
  let updated: { id: string }[];
  try {
    updated = await db
      .update(booksTable)
      .set({ coverKey: key, updatedAt: new Date() })
      .where(
        and(
          eq(booksTable.id, input.bookId),
          eq(booksTable.ownerId, input.ownerId),
          input.previousKey === null ? isNull(booksTable.coverKey) : eq(booksTable.coverKey, input.previousKey),
        ),
      )
      .returning({ id: booksTable.id });
  } catch (err) {
    await removeQuietly(bucket, key);
    throw err;
  }
  if (updated.length !== 1) {
    await removeQuietly(bucket, key);
    throw new AppError("conflict:cover", { details: { reason: "cover_changed" } });
  }
  if (input.previousKey) await removeQuietly(bucket, input.previousKey);
  return key;
}

async function removeQuietly(bucket: R2Bucket, key: string): Promise<void> {
  try {
    await bucket.delete(key);
  } catch (err) {
    // An orphaned object costs storage, not correctness: log it and carry on.
    console.error(`[quire] could not delete cover object ${key}`, err);
  }
}

const MEDIA_TYPES = new Set<string>(Object.keys(COVER_EXTENSIONS));

export async function readCover(bucket: R2Bucket, key: string): Promise<StoredCover | null> {
  const object = await bucket.get(key);
  if (!object) return null;
  const type = object.httpMetadata?.contentType ?? "";
  const mediaType = (MEDIA_TYPES.has(type) ? type : "image/svg+xml") as CoverMediaType;
  const origin = object.customMetadata?.origin;
  return {
    bytes: new Uint8Array(await object.arrayBuffer()),
    mediaType,
    etag: object.httpEtag,
    origin: origin === "typographic" || origin === "painted" || origin === "upload" ? origin : "unknown",
  };
}
