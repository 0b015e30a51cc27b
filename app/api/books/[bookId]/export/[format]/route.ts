import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getDb } from "@/db/request-db";
import { currentUser } from "@/lib/auth/session";
import { bookIdSchema } from "@/lib/books/schemas";
import { AppError, errorResponse } from "@/lib/errors";
import { contentDisposition, exportFormatSchema, exportMediaType, exportStream } from "@/lib/export/formats";
import { openExport } from "@/lib/export/source";

/**
 * Downloads the caller's book as EPUB, DOCX or Markdown. Everything that can be refused (session,
 * ownership, a book without chapters) is checked before the first byte; the file itself is then
 * streamed chapter by chapter as the browser reads it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ bookId: string; format: string }> }): Promise<Response> {
  try {
    const { bookId, format: rawFormat } = await params;
    const user = await currentUser();
    if (!user) throw new AppError("unauthorized:auth");
    if (!bookIdSchema.safeParse(bookId).success) throw new AppError("not_found:book");
    const format = exportFormatSchema.safeParse(rawFormat);
    if (!format.success) throw new AppError("not_found:export", { details: { formats: exportFormatSchema.options } });
    const source = await openExport(getDb(), getCloudflareContext().env.BUCKET, user, bookId);
    return new Response(exportStream(format.data, source), {
      headers: {
        "content-type": exportMediaType(format.data),
        "content-disposition": contentDisposition(source.book.title, format.data),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    return errorResponse(err, "export");
  }
}
