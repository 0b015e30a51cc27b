// generateObject: ask for JSON matching the schema, extract/repair/validate, and re-ask once with the
// validation errors before failing with invalid_output.
import { zodSchema } from "ai";
import type { ChatMessage, LlmRequest, LlmResult, ObjectRequest } from "../contract";
import { LlmError } from "../errors";
import { parseJsonAnswer } from "../json";
import type { ProviderCall } from "../providers/types";

export type Execute = (req: LlmRequest, options: { json: ProviderCall["json"]; accept?: (text: string) => boolean }) => Promise<LlmResult>;

export async function jsonSchemaOf(schema: unknown): Promise<unknown> {
  return await zodSchema(schema as Parameters<typeof zodSchema>[0]).jsonSchema;
}

function combine(first: LlmResult, second: LlmResult): LlmResult {
  const costMicroUsd = first.costMicroUsd === null || second.costMicroUsd === null ? null : first.costMicroUsd + second.costMicroUsd;
  return {
    ...second,
    attempts: first.attempts + second.attempts,
    usage: {
      inputTokens: first.usage.inputTokens + second.usage.inputTokens,
      outputTokens: first.usage.outputTokens + second.usage.outputTokens,
      cachedInputTokens: first.usage.cachedInputTokens + second.usage.cachedInputTokens,
      estimated: first.usage.estimated || second.usage.estimated,
    },
    costMicroUsd,
    costSource: costMicroUsd === null ? "unknown" : second.costSource,
  };
}

export async function generateObjectWith<T>(execute: Execute, req: ObjectRequest<T>): Promise<LlmResult & { object: T }> {
  const jsonSchema = await jsonSchemaOf(req.schema);
  const instruction = `Answer with a single JSON value${req.schemaName ? ` (${req.schemaName})` : ""} that matches this JSON schema. No prose, no code fences.\n${JSON.stringify(jsonSchema)}`;
  const messages: ChatMessage[] = [{ role: "system", content: instruction }, ...req.messages];
  const json = { jsonSchema, zod: req.schema, name: req.schemaName };
  const { schema: _schema, schemaName: _name, ...plain } = req;
  // Only a valid answer may be cached, or every repeat would pay for the re-ask again.
  const first = await execute({ ...plain, messages }, { json, accept: (text) => parseJsonAnswer(text, req.schema).ok });
  const parsed = parseJsonAnswer(first.text, req.schema);
  if (parsed.ok) return { ...first, object: parsed.value };
  const retryMessages: ChatMessage[] = [
    ...messages,
    { role: "assistant", content: first.text },
    { role: "user", content: `That answer is not valid for the schema: ${parsed.errors.join("; ")}. Reply with the corrected JSON only.` },
  ];
  const second = await execute({ ...plain, messages: retryMessages, cache: false }, { json });
  const reparsed = parseJsonAnswer(second.text, req.schema);
  if (!reparsed.ok) {
    throw new LlmError("invalid_output", `model output does not match the schema after a re-ask: ${reparsed.errors.join("; ")}`, { retryable: false, targetId: second.targetId, body: second.text });
  }
  return { ...combine(first, second), object: reparsed.value };
}
