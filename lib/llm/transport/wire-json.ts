// The small pieces every JSON-over-HTTP dialect of the LLM service shares (chat, embeddings, images):
// the target's headers, its base URL and a JSON answer read under the attempt's watchdog.
import type { Target } from "../contract";
import { LlmError } from "../errors";
import type { InvokeIo } from "../providers/types";
import { networkError } from "./http-invoker";
import { parseWireJson } from "./parse-json";

/** JSON content type, the target's key as a bearer token, then the target's own extra headers. */
export function targetHeaders(target: Target, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json", ...extra };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  if (target.headers) Object.assign(headers, target.headers);
  return headers;
}

/** The target's base URL without a trailing slash; a target without one is a configuration error. */
export function baseUrlOf(target: Target, fallback?: string): string {
  const base = target.baseUrl ?? fallback;
  if (!base) throw new LlmError("config", `target ${target.id} has no base URL`, { retryable: false });
  return base.replace(/\/+$/, "");
}

/** The answer's body as a JSON object; `what` names the answer in the error when it is not JSON. */
export async function readJsonAnswer(res: Response, io: InvokeIo, what: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    throw io.watchdog.explain(networkError(error, "reading body"));
  }
  return parseWireJson(text, what);
}
