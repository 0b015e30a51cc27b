// How a target is asked for JSON that matches a schema. Servers differ: OpenAI and OpenRouter follow a
// schema strictly (`json_schema` + `strict`), vLLM, llama.cpp, Ollama and Workers AI constrain decoding
// by a `json_schema` response format, some only promise "some JSON" (`json_object`), Anthropic takes a
// forced tool call whose input is the object, and the rest get the schema in the prompt only.
// Extraction, repair and the re-ask in service/structured.ts stay as the fallback for all of them.
import type { StructuredOutput, Target } from "../contract";

export function structuredModeOf(target: Target): StructuredOutput {
  return target.capabilities.structuredOutput ?? (target.capabilities.jsonMode ? "json_object" : "none");
}

/** A name the OpenAI-style APIs accept for a schema or a tool (^[a-zA-Z0-9_-]{1,64}$). */
export function schemaName(name: string | undefined): string {
  const cleaned = (name ?? "answer").replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
  return cleaned.length > 0 ? cleaned : "answer";
}

/** OpenAI's strict mode takes only closed objects whose every property is required. */
export function isStrictCompatible(schema: unknown): boolean {
  if (!schema || typeof schema !== "object") return true;
  if (Array.isArray(schema)) return schema.every(isStrictCompatible);
  const node = schema as Record<string, unknown>;
  if (node.type === "object" || node.properties !== undefined) {
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    const required = Array.isArray(node.required) ? (node.required as string[]) : [];
    if (node.additionalProperties !== false) return false;
    if (Object.keys(properties).some((key) => !required.includes(key))) return false;
  }
  for (const value of Object.values(node)) if (typeof value === "object" && value !== null && !isStrictCompatible(value)) return false;
  return true;
}

/** The one step down after a server refused a structured request with a 400. */
export function weakerMode(mode: StructuredOutput): StructuredOutput {
  if (mode === "json_schema_strict" || mode === "json_schema" || mode === "tool") return "json_object";
  return "none";
}

/** The schema without its `$schema` dialect marker, which strict validators refuse. */
export function bareSchema(schema: unknown): unknown {
  if (!schema || typeof schema !== "object" || !("$schema" in schema)) return schema;
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
  return rest;
}
