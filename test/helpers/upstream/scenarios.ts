// Scenario names of the fault-injecting upstream and how one is chosen for a request:
// the `x-upstream-scenario` header, else a `~scenario` suffix on the model name ("llama~http-503"),
// else the queue set for that model, else the global queue, else "ok".

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
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

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
  return (SCENARIOS as readonly string[]).includes(value);
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
