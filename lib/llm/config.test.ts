import { describe, expect, it } from "vitest";
import { loadLlmConfig } from "./config";
import { EMBEDDING_TASK, IMAGE_TASK, TASKS } from "./contract";
import { LlmError } from "./errors";

const custom = { CUSTOM_LLM_BASE_URL: "http://127.0.0.1:1/v1", CUSTOM_LLM_MODEL: "quire-ft" };

function configError(env: Record<string, string>): string {
  try {
    loadLlmConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).code).toBe("config");
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("loadLlmConfig", () => {
  it("routes every text task to the demo model when no provider is configured, and paints nothing", () => {
    const config = loadLlmConfig({});
    expect(config.demoOnly).toBe(true);
    for (const task of TASKS.filter((t) => t !== IMAGE_TASK && t !== EMBEDDING_TASK)) expect(config.routes[task]).toEqual({ strategy: "priority", targets: [{ id: "demo" }] });
    expect(config.routes[IMAGE_TASK]).toEqual({ strategy: "priority", targets: [] });
    expect(config.routes[EMBEDDING_TASK]).toEqual({ strategy: "priority", targets: [{ id: "demo-embedding" }] });
  });

  it("routes the custom model first, then OpenRouter when its key is set", () => {
    expect(loadLlmConfig(custom).routes.chapter.targets).toEqual([{ id: "custom" }]);
    const both = loadLlmConfig({ ...custom, OPENROUTER_API_KEY: "test-key" });
    expect(both.demoOnly).toBe(false);
    expect(both.routes.chapter).toEqual({ strategy: "priority", targets: [{ id: "custom" }, { id: "openrouter" }] });
  });

  it("names the wrong or missing variable", () => {
    expect(configError({ CUSTOM_LLM_BASE_URL: "not a url", CUSTOM_LLM_MODEL: "m" })).toMatch(/CUSTOM_LLM_BASE_URL/);
    expect(configError({ CUSTOM_LLM_BASE_URL: "http://x/v1" })).toMatch(/CUSTOM_LLM_MODEL is required/);
    expect(configError({ LLM_DAILY_BUDGET_USD: "lots" })).toMatch(/LLM_DAILY_BUDGET_USD/);
    expect(configError({ DEMO_MODEL_DELAY_MS: "-3" })).toMatch(/DEMO_MODEL_DELAY_MS/);
    expect(configError({ CLOUDFLARE_API_TOKEN: "t" })).toMatch(/CLOUDFLARE_ACCOUNT_ID/);
    expect(configError({ ...custom, LLM_ROUTES: "{oops" })).toMatch(/LLM_ROUTES/);
    expect(configError({ ...custom, LLM_ROUTES: JSON.stringify({ chapter: { targets: ["openai"] } }) })).toMatch(/LLM_ROUTES.chapter names target "openai"/);
    expect(configError({ ...custom, LLM_ROUTES: JSON.stringify({ chapter: { strategy: "fastest" } }) })).toMatch(/LLM_ROUTES.chapter.strategy/);
  });

  it("reads route overrides: strategy, weights, no-fallback and stickiness", () => {
    const config = loadLlmConfig({
      ...custom,
      OPENROUTER_API_KEY: "test-key",
      LLM_ROUTES: JSON.stringify({ suggestion: { noFallback: true }, chapter: { strategy: "ab", targets: [{ id: "custom", weight: 3 }, "openrouter"], stickyBy: "book" } }),
    });
    expect(config.routes.suggestion).toEqual({ strategy: "priority", targets: [{ id: "custom" }, { id: "openrouter" }], noFallback: true });
    expect(config.routes.chapter).toEqual({ strategy: "ab", targets: [{ id: "custom", weight: 3 }, { id: "openrouter" }], stickyBy: "book" });
  });

  it("builds each provider's target from its variables, and treats empty values as unset", () => {
    const config = loadLlmConfig({
      MODAL_LLAMA_URL: "https://team--llama.modal.run/v1",
      MODAL_API_KEY: "test-modal",
      OPENAI_API_KEY: "test-openai",
      ANTHROPIC_API_KEY: "test-anthropic",
      CLOUDFLARE_ACCOUNT_ID: "acct",
      CLOUDFLARE_API_TOKEN: "tok",
      WORKERS_AI_MODEL: "@cf/meta/llama-3.1-8b-instruct",
      CUSTOM_FORMAT_URL: "https://gen.example/complete",
      CUSTOM_LLM_BASE_URL: "",
      LLM_DAILY_BUDGET_USD: "2.5",
      DEMO_MODEL_DELAY_MS: "0",
    });
    expect(config.targets.map((t) => `${t.id}:${t.provider}`)).toEqual(["modal:openai-compatible", "workers-ai:workers-ai", "custom-format:custom-format", "openai:openai", "anthropic:anthropic", "demo:demo"]);
    expect(config.targets.find((t) => t.id === "modal")!.apiKey).toBe("test-modal");
    expect(config.budget.dailyMicroUsd).toBe(2_500_000);
    expect(config.demo.delayMs).toBe(0);
  });

  it("LLM_FORCE_DEMO serves everything from the demo model even with keys set", () => {
    expect(loadLlmConfig({ ...custom, LLM_FORCE_DEMO: "true" }).routes.chapter.targets).toEqual([{ id: "demo" }]);
  });
});
