// The cache key: SHA-256 over the canonical JSON of every field that changes the output. Anything
// left out here would let one request be answered with another's text, so additions to LlmRequest
// that affect generation must be added here too (the key test enumerates them).
import type { ChatMessage, LlmTask, Target } from "../contract";

export interface CacheKeyInput {
  task: LlmTask;
  target: Pick<Target, "id" | "provider" | "model">;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  stop?: string[];
  /** JSON schema of a generateObject request. */
  jsonSchema?: unknown;
  continueFrom?: string;
}

/** JSON with object keys sorted, so that key order never splits the cache. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export async function cacheKey(input: CacheKeyInput): Promise<string> {
  const canonical = canonicalJson({
    v: 1,
    task: input.task,
    target: { id: input.target.id, provider: input.target.provider, model: input.target.model },
    messages: input.messages.map((m) => ({ role: m.role, content: m.content })),
    maxTokens: input.maxTokens ?? null,
    temperature: input.temperature ?? null,
    stop: input.stop ?? null,
    jsonSchema: input.jsonSchema ?? null,
    continueFrom: input.continueFrom ?? null,
  });
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical)));
  let hex = "";
  for (let i = 0; i < digest.length; i++) hex += HEX[digest[i]!];
  return `llm:v1:${hex}`;
}
