import "server-only";
import { appEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { internalToken, sameToken } from "./internal-token";

/** Internal job routes answer only the worker's own consumer and sweeper. */
export async function assertInternalCaller(request: Request): Promise<void> {
  const given = request.headers.get("x-quire-internal") ?? "";
  const expected = await internalToken(appEnv().BETTER_AUTH_SECRET);
  if (!sameToken(given, expected)) throw new AppError("forbidden:job");
}
