import { TASKS, type LlmService, type LlmTask } from "@/lib/llm";
import { creditPriceFor } from "@/lib/credits/prices";

/**
 * The gateway's model names: `quire/<task>` follows that task's route (fallbacks, A/B and all), and
 * `quire/<target>` goes to one configured target only.
 */
export type ModelChoice = { id: string; kind: "route"; task: LlmTask } | { id: string; kind: "target"; targetId: string; model: string };

export function modelChoices(llm: LlmService): ModelChoice[] {
  return [
    ...TASKS.filter((t) => t !== "cover-image" && t !== "embedding").map((task) => ({ id: `quire/${task}`, kind: "route" as const, task })),
    // Image targets paint pictures: the chat API has nothing to send them.
    ...llm.config.targets.filter((t) => t.output !== "image").map((t) => ({ id: `quire/${t.id}`, kind: "target" as const, targetId: t.id, model: t.model })),
  ];
}

export function resolveModel(llm: LlmService, id: string): ModelChoice | undefined {
  return modelChoices(llm).find((m) => m.id === id);
}

export function modelList(llm: LlmService) {
  const created = 1_767_225_600; // 2026-01-01: a fixed date, since the list is configuration
  return {
    object: "list" as const,
    data: modelChoices(llm).map((m) => ({
      id: m.id,
      object: "model" as const,
      created,
      owned_by: "quire",
      quire: m.kind === "route" ? { kind: "route", task: m.task, ...creditsOf(m.task) } : { kind: "target", model: m.model, ...creditsOf("chapter", m.model) },
    })),
  };
}

/** The price table's entry for a model, as the API lists it (a target is called as the chapter task). */
function creditsOf(task: LlmTask, model?: string) {
  const price = creditPriceFor(task, model);
  return { credits_per_request: price.perRequest ?? 0, credits_per_1k_tokens: price.per1kOutput ?? 0, credits_per_1k_input_tokens: price.per1kInput ?? 0 };
}
