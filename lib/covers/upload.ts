import { concatBytes } from "@/lib/bytes";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { inspectImage, RASTER_TYPES, type ImageInfo } from "@/lib/image-bytes";

/** An author's own cover: PNG, JPEG or WebP, at most 5 MB, sized like a cover rather than an icon. */
export const COVER_UPLOAD_LIMITS = { maxBytes: 5 * 1024 * 1024, minSide: 300, maxSide: 12_000 } as const;

/** What the upload request declares; the bytes are checked separately and win. */
export const coverUploadHeadersSchema = z.object({
  contentType: z.enum(RASTER_TYPES as [string, ...string[]], { errorMap: () => ({ message: "must be image/png, image/jpeg or image/webp" }) }),
  contentLength: z.coerce.number().int().min(1).max(COVER_UPLOAD_LIMITS.maxBytes).optional(),
});

/**
 * Reads a request body up to the limit and stops reading past it, so an oversized upload costs the
 * worker at most the limit in memory, whatever Content-Length claimed.
 */
export async function readLimitedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number = COVER_UPLOAD_LIMITS.maxBytes): Promise<Uint8Array> {
  if (!body) throw new AppError("bad_request:cover", { details: { reason: "empty" } });
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError("payload_too_large:cover", { details: { maxBytes } });
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

/** The checks an uploaded cover must pass; the error's details say which failed. */
export function validateCoverImage(bytes: Uint8Array): ImageInfo {
  if (bytes.length === 0) throw new AppError("bad_request:cover", { details: { reason: "empty" } });
  if (bytes.length > COVER_UPLOAD_LIMITS.maxBytes) throw new AppError("payload_too_large:cover", { details: { maxBytes: COVER_UPLOAD_LIMITS.maxBytes } });
  const info = inspectImage(bytes);
  if (typeof info === "string") throw new AppError("bad_request:cover", { details: { reason: info } });
  const { minSide, maxSide } = COVER_UPLOAD_LIMITS;
  if (Math.min(info.width, info.height) < minSide || Math.max(info.width, info.height) > maxSide) {
    throw new AppError("bad_request:cover", { details: { reason: "dimensions", width: info.width, height: info.height, minSide, maxSide } });
  }
  return info;
}
