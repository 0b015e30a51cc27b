// Test-only helpers (not exported from lib/llm): a config pointed at the fault-injecting upstream with
// short retries and timeouts, a recording usage sink, and stream collection.
import { loadLlmConfig, type LlmConfig } from "../config";
import type { BudgetWarning, LlmStream, UsageEvent, UsageSink } from "../contract";

/** Fast settings: tiny backoff, short timeouts, no price refresh, demo without pacing. */
export const FAST_ENV: Record<string, string> = {
  DEMO_MODEL_DELAY_MS: "0",
  LLM_REFRESH_PRICES: "false",
  LLM_RETRY_BASE_MS: "1",
  LLM_RETRY_MAX_MS: "5",
  LLM_MAX_RETRY_AFTER_MS: "200",
  LLM_CONNECT_TIMEOUT_MS: "2000",
  LLM_FIRST_TOKEN_TIMEOUT_MS: "2000",
  LLM_ANSWER_TIMEOUT_MS: "2000",
  LLM_IDLE_TIMEOUT_MS: "2000",
  LLM_TOTAL_TIMEOUT_MS: "10000",
  LLM_BREAKER_FAILURES: "50",
};

/** The variables of a custom model at `${url}/v1` ("custom-m") and OpenRouter at `${url}/api/v1` ("router-m"). */
export function upstreamEnv(url: string): Record<string, string> {
  return {
    CUSTOM_LLM_BASE_URL: `${url}/v1`,
    CUSTOM_LLM_MODEL: "custom-m",
    CUSTOM_LLM_API_KEY: "test-custom-key",
    // Configured, so the window is not asked of the server (tests of discovery unset it).
    CUSTOM_LLM_CONTEXT_WINDOW: "8192",
    CUSTOM_LLM_PRICE_INPUT_PER_MTOK: "0.1",
    CUSTOM_LLM_PRICE_OUTPUT_PER_MTOK: "0.2",
    OPENROUTER_API_KEY: "test-openrouter-key",
    OPENROUTER_MODEL: "router-m",
    OPENROUTER_BASE_URL: `${url}/api/v1`,
  };
}

/** Custom model at `${url}/v1` (model "custom-m", 8k context) then OpenRouter at `${url}/api/v1` ("router-m", 128k). */
export function upstreamConfig(url: string, env: Record<string, string> = {}): LlmConfig {
  return loadLlmConfig({ ...FAST_ENV, ...upstreamEnv(url), APP_URL: "https://quire.test", ...env });
}

export function recordingSink(): UsageSink & { events: UsageEvent[]; warnings: BudgetWarning[] } {
  const events: UsageEvent[] = [];
  const warnings: BudgetWarning[] = [];
  return {
    events,
    warnings,
    record(event) {
      events.push(event);
    },
    budgetWarning(warning) {
      warnings.push(warning);
    },
  };
}

/** Reads a stream to its end; returns the chunks seen and the error it ended with, if any. */
export async function drain(stream: LlmStream): Promise<{ chunks: string[]; error: unknown }> {
  const chunks: string[] = [];
  try {
    for await (const chunk of stream.textStream) chunks.push(chunk);
    return { chunks, error: undefined };
  } catch (error) {
    return { chunks, error };
  }
}

export const userMessage = (content: string) => [{ role: "user" as const, content }];
