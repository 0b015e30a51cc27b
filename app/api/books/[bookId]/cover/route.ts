import { getCloudflareContext } from "@opennextjs/cloudflare";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/request-db";
import { currentUser } from "@/lib/auth/session";
import { openBook } from "@/lib/books/library";
import { bookIdSchema } from "@/lib/books/schemas";
import { currentCover } from "@/lib/covers/current";
import { uploadCover } from "@/lib/covers/service";
import { coverUploadHeadersSchema, readLimitedBody } from "@/lib/covers/upload";
import { ownerName } from "@/lib/export/source";
import { appEnv } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";

/** This app's own origins: the request's, APP_URL and TRUSTED_ORIGINS (wrangler dev answers as localhost). */
function sameSite(origin: string, request: Request): boolean {
  const env = appEnv();
  const allowed = new Set([new URL(request.url).origin, ...env.TRUSTED_ORIGINS.map((o) => new URL(o).origin)]);
  if (env.APP_URL) allowed.add(new URL(env.APP_URL).origin);
  return allowed.has(origin);
}

async function caller(bookId: string) {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized:auth");
  if (!bookIdSchema.safeParse(bookId).success) throw new AppError("not_found:book");
  return user;
}

/**
 * The book's cover image for its owner: the stored one from R2, or the composed typographic one.
 * Served with a strict CSP and nosniff: an SVG opened directly from this origin can run nothing.
 */
export async function GET(request: Request, { params }: { params: Promise<{ bookId: string }> }): Promise<Response> {
  try {
    const { bookId } = await params;
    const user = await caller(bookId);
    const db = getDb();
    const book = await openBook(db, user, bookId);
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
  } catch (err) {
    return errorResponse(err, "cover");
  }
}

/**
 * Uploads the author's own cover: the raw image as the body (PNG, JPEG or WebP, at most 5 MB).
 * Same-origin only: the request must carry this site's Origin, and its image Content-Type already
 * rules out a cross-site form post.
 */
export async function POST(request: Request, { params }: { params: Promise<{ bookId: string }> }): Promise<Response> {
  try {
    const { bookId } = await params;
    const user = await caller(bookId);
    const origin = request.headers.get("origin");
    if (!origin || !sameSite(origin, request)) throw new AppError("forbidden:cover", { details: { reason: "cross_origin" } });
    const declared = coverUploadHeadersSchema.safeParse({
      contentType: request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase(),
      contentLength: request.headers.get("content-length") ?? undefined,
    });
    if (!declared.success) {
      const tooLarge = declared.error.issues.some((i) => i.path[0] === "contentLength" && i.code === "too_big");
      throw new AppError(tooLarge ? "payload_too_large:cover" : "bad_request:cover", { details: { reason: tooLarge ? "too_large" : "type" } });
    }
    const bytes = await readLimitedBody(request.body);
    const result = await uploadCover({ db: getDb(), bucket: getCloudflareContext().env.BUCKET }, user, bookId, bytes);
    revalidatePath(`/books/${bookId}`);
    revalidatePath("/library");
    return Response.json({ coverKey: result.coverKey, origin: result.origin });
  } catch (err) {
    return errorResponse(err, "cover");
  }
}
