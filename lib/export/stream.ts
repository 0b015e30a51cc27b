import { concatBytes } from "@/lib/bytes";
import { ZipWriter } from "./zip";

/**
 * Export formats are written as async generators that yield after each part (usually one chapter).
 * The ReadableStream pulls one part per read, so the consumer's pace sets the pace: a slow download
 * never makes the worker buffer the book, and at most one chapter's output is in memory.
 */
function pulled(steps: AsyncGenerator<void>, pending: Uint8Array[], finish: () => void, label: string): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const { done } = await steps.next();
            if (done) finish();
            if (pending.length > 0) {
              controller.enqueue(concatBytes(pending.splice(0)));
              if (!done) return;
            }
            if (done) return controller.close();
          }
        } catch (err) {
          // Headers are already sent: the download fails visibly rather than ending short as if whole.
          console.error(`[quire] ${label} export failed mid-stream`, err);
          controller.error(err);
        }
      },
      async cancel() {
        await steps.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A ZIP archive (EPUB, DOCX) from a generator that adds entries to `zip` and yields between parts. */
export function zipStream(build: (zip: ZipWriter) => AsyncGenerator<void>, modified: Date, label: string): ReadableStream<Uint8Array> {
  const pending: Uint8Array[] = [];
  const zip = new ZipWriter((chunk) => pending.push(chunk), modified);
  return pulled(build(zip), pending, () => zip.finish(), label);
}

/** A text file (Markdown) from a generator of strings. */
export function textStream(parts: AsyncGenerator<string>, label: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pending: Uint8Array[] = [];
  async function* steps(): AsyncGenerator<void> {
    for await (const part of parts) {
      pending.push(encoder.encode(part));
      yield;
    }
  }
  return pulled(steps(), pending, () => {}, label);
}
