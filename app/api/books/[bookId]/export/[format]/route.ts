import { z } from "zod";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { bookIdSchema } from "@/lib/books/schemas";
import { AppError } from "@/lib/errors";
import { contentDisposition, exportFormatSchema, exportMediaType, exportStream } from "@/lib/export/formats";
import { openExport } from "@/lib/export/source";
import { signedInRoute } from "@/lib/http/route";

/**
 * Downloads the caller's book as EPUB, DOCX or Markdown, counted against RATE_LIMIT_EXPORT_PER_MINUTE.
 * Everything that can be refused (session, ownership, the limit, a book without chapters) is checked
 * before the first byte; the file itself is then streamed chapter by chapter as the browser reads it.
 */
export const GET = signedInRoute(
  { surface: "export", params: z.object({ bookId: bookIdSchema, format: z.string() }), notFound: "not_found:book", rateLimit: "export" },
  async ({ db, user, params }) => {
    const format = exportFormatSchema.safeParse(params.format);
    if (!format.success) throw new AppError("not_found:export", { details: { formats: exportFormatSchema.options } });
    const source = await openExport(db, getCloudflareContext().env.BUCKET, user, params.bookId);
    return new Response(exportStream(format.data, source), {
      headers: {
        "content-type": exportMediaType(format.data),
        "content-disposition": contentDisposition(source.book.title, format.data),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
