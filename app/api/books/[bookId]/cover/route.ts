import { z } from "zod";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { revalidatePath } from "next/cache";
import { openBook } from "@/lib/books/library";
import { bookIdSchema } from "@/lib/books/schemas";
import { currentCover } from "@/lib/covers/current";
import { uploadCover } from "@/lib/covers/service";
import { COVER_UPLOAD_LIMITS, coverUploadHeadersSchema } from "@/lib/covers/upload";
import { ownerName } from "@/lib/export/source";
import { AppError } from "@/lib/errors";
import { signedInRoute } from "@/lib/http/route";

const params = z.object({ bookId: bookIdSchema });

/**
 * The book's cover image for its owner: the stored one from R2, or the composed typographic one.
 * Served with a strict CSP and nosniff: an SVG opened directly from this origin can run nothing.
 */
export const GET = signedInRoute({ surface: "cover", params, notFound: "not_found:book" }, async ({ db, user, params, request }) => {
  const book = await openBook(db, user, params.bookId);
  const cover = await currentCover(getCloudflareContext().env.BUCKET, book, await ownerName(db, book.ownerId));
  const headers = {
    etag: cover.etag,
    "cache-control": "private, no-cache",
    "content-security-policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    "x-content-type-options": "nosniff",
    "x-quire-cover": cover.origin,
  };
  if (request.headers.get("if-none-match") === cover.etag) return new Response(null, { status: 304, headers });
  return new Response(cover.bytes as Uint8Array<ArrayBuffer>, { headers: { ...headers, "content-type": cover.mediaType, "content-length": String(cover.bytes.length) } });
});

/**
 * Uploads the author's own cover: the raw image as the body (PNG, JPEG or WebP, at most 5 MB),
 * counted with cover generations against RATE_LIMIT_COVER_PER_MINUTE. The procedure refuses a foreign
 * Origin and stops reading past 5 MB; the bytes are then checked for what they really are.
 */
export const POST = signedInRoute(
  { surface: "cover", params, notFound: "not_found:book", bytes: true, maxBytes: COVER_UPLOAD_LIMITS.maxBytes, rateLimit: "cover" },
  async ({ db, user, params, request, bytes }) => {
    const declared = coverUploadHeadersSchema.safeParse({ contentType: request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() });
    if (!declared.success) throw new AppError("bad_request:cover", { details: { reason: "type" } });
    if (!bytes?.length) throw new AppError("bad_request:cover", { details: { reason: "empty" } });
    const result = await uploadCover({ db, bucket: getCloudflareContext().env.BUCKET }, user, params.bookId, bytes);
    revalidatePath(`/books/${params.bookId}`);
    revalidatePath("/library");
    return Response.json({ coverKey: result.coverKey, origin: result.origin });
  },
);
