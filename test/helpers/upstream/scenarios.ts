// Scenario names of the fault-injecting upstream and how one is chosen for a request:
// the `x-upstream-scenario` header, else a `~scenario` suffix on the model name ("llama~http-503"),
// else the queue set for that model, else the global queue, else "ok".
import { OVERFLOW_FAMILIES, type OverflowFamily } from "./families";

export const SCENARIOS = [
  "ok",
  "slow-first-byte",
  "rate-limit-short",
  "rate-limit-long",
  "quota",
  "http-500",
  "http-502",
  "http-503",
  "hang",
  "reset-mid-stream",
  "truncated",
  "done-without-finish",
  "in-band-error",
  "malformed-chunk",
  "context-length",
  "no-usage",
  "idle-gap",
  "bad-request",
  "unauthorized",
  "overloaded",
  // A continuation request is answered by repeating the tail of the text it continues, then the reply.
  "echo-tail",
  // The answer stops at half the reply with finish_reason "length".
  "length",
  "model-not-found",
  // Decodes by the schema when one is sent (response_format json_schema, a forced tool): answers the
  // reply (JSON); without one it answers with chatty prose around nothing parseable.
  "json-schema",
  // A server that knows no json_schema response format: 400 for it, otherwise like json-schema.
  "json-schema-unsupported",
] as const;
/** `overflow-<family>`: that server family's own context-overflow answer (see families.ts). */
export type OverflowScenario = `overflow-${OverflowFamily}`;
export type ScenarioName = (typeof SCENARIOS)[number] | OverflowScenario;
export const OVERFLOW_SCENARIOS = OVERFLOW_FAMILIES.map((f) => `overflow-${f}` as OverflowScenario);

export interface ScenarioSpec {
  name: ScenarioName;
  /** slow-first-byte: wait before headers; idle-gap: silence between chunks. */
  delayMs?: number;
  /** Overrides the reply text for this response. */
  reply?: string;
}

export type ScenarioInput = ScenarioName | ScenarioSpec;

export function toSpec(input: ScenarioInput): ScenarioSpec {
  return typeof input === "string" ? { name: input } : input;
}

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(value) || (OVERFLOW_SCENARIOS as readonly string[]).includes(value);
}

/** A queue of scenarios consumed one per request; its last entry sticks. */
export class ScenarioQueue {
  private items: ScenarioSpec[];
  constructor(items: ScenarioInput[]) {
    this.items = items.map(toSpec);
  }
  next(): ScenarioSpec | undefined {
    if (this.items.length > 1) return this.items.shift();
    return this.items[0];
  }
}
