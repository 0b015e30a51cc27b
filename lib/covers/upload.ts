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
