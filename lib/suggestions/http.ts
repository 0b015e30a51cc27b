import "server-only";
import type { ZodType, ZodTypeDef } from "zod";
import { AppError } from "@/lib/errors";

/** Reads a JSON body no larger than `maxBytes` and validates it; bad input is a typed 4xx, never a 500. */
export async function readJson<T>(request: Request, schema: ZodType<T, ZodTypeDef, unknown>, maxBytes: number): Promise<T> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError("payload_too_large:suggestion");
  const raw = await request.text();
  if (raw.length > maxBytes) throw new AppError("payload_too_large:suggestion");
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (cause) {
    throw new AppError("bad_request:input", { cause });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some((i) => i.code === "too_big");
    throw new AppError(tooLong ? "payload_too_large:suggestion" : "bad_request:input", { details: { fieldErrors: parsed.error.flatten().fieldErrors } });
  }
  return parsed.data;
}
