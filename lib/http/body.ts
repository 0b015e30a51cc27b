import { concatBytes } from "@/lib/bytes";
import { AppError, type Surface } from "@/lib/errors";

/**
 * Reads a request body and stops at `maxBytes`: a declared Content-Length over the cap is refused
 * before reading, and a body that streams past it (a missing or lying Content-Length) is cancelled
 * at the first chunk over. An oversized body therefore costs the worker at most the cap in memory.
 */
export async function readBodyCapped(request: Request, maxBytes: number, surface: Surface): Promise<Uint8Array> {
  const tooLarge = () => new AppError(`payload_too_large:${surface}`, { details: { maxBytes } });
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  return readStreamCapped(request.body, maxBytes, tooLarge);
}

/** The same cap for any byte stream (a missing stream is an empty body). */
export async function readStreamCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

/** Parses capped bytes as JSON; anything else is `bad_request:input`, never a 500. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new AppError("bad_request:input", { cause, details: { message: "The body is not valid JSON." } });
  }
}
