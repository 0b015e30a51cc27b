import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../../../test/helpers/upstream/server";
import type { Route, Target, TargetPrice } from "../contract";
import { createLlmService } from "../service";
import { recordingSink, upstreamConfig, userMessage } from "../testing/harness";
import { routeTargets, type RoutingInput } from "./strategies";

const t = (id: string, contextWindow: number, extra: Partial<Target["capabilities"]> = {}, price?: TargetPrice): Target => ({
  id,
  provider: "openai-compatible",
  model: `${id}-model`,
  price,
  capabilities: { contextWindow, jsonMode: false, speed: 3, quality: 3, ...extra },
});

const small = t("small", 8_000, { speed: 5, quality: 2 }, { inputPerMTok: 0.05, outputPerMTok: 0.1 });
const medium = t("medium", 32_000, { jsonMode: true, quality: 4 }, { inputPerMTok: 0.5, outputPerMTok: 1.5 });
const large = t("large", 200_000, { jsonMode: true, quality: 5, speed: 2 }, { inputPerMTok: 3, outputPerMTok: 15 });
const unpriced = t("unpriced", 200_000);
const all = new Map([small, medium, large, unpriced].map((x) => [x.id, x]));

function input(route: Route, over: Partial<RoutingInput> = {}): RoutingInput {
  return {
    route,
    targets: all,
    promptTokens: 1000,
    maxOutputTokens: 500,
    needsJson: false,
    turn: 0,
    random: () => 0.5,
    priceOf: (target) => target.price,
    isAvailable: () => true,
    ...over,
  };
}

const ids = (targets: Target[]) => targets.map((x) => x.id);

describe("routing strategies", () => {
  it("priority keeps the configured order", () => {
    expect(ids(routeTargets(input({ strategy: "priority", targets: [{ id: "medium" }, { id: "small" }] })).order)).toEqual(["medium", "small"]);
  });

  it("round robin rotates the first target with each turn", () => {
    const route: Route = { strategy: "round-robin", targets: [{ id: "small" }, { id: "medium" }, { id: "large" }] };
    expect([0, 1, 2, 3].map((turn) => routeTargets(input(route, { turn })).order[0]!.id)).toEqual(["small", "medium", "large", "small"]);
  });

  it("weighted picks the first target in proportion to the weights, skipping benched ones", () => {
    const route: Route = { strategy: "weighted", targets: [{ id: "small", weight: 1 }, { id: "medium", weight: 3 }] };
    expect(routeTargets(input(route, { random: () => 0.1 })).order[0]!.id).toBe("small");
    expect(routeTargets(input(route, { random: () => 0.3 })).order[0]!.id).toBe("medium");
    expect(routeTargets(input(route, { random: () => 0.1, isAvailable: (id) => id !== "small" })).order[0]!.id).toBe("medium");
  });

  it("cost-optimized takes the cheapest target whose context window fits, unknown prices last", () => {
    const route: Route = { strategy: "cost-optimized", targets: [{ id: "unpriced" }, { id: "large" }, { id: "medium" }, { id: "small" }] };
    expect(ids(routeTargets(input(route)).order)).toEqual(["small", "medium", "large", "unpriced"]);
    // 20k tokens of prompt no longer fit the small model.
    expect(ids(routeTargets(input(route, { promptTokens: 20_000 })).order)).toEqual(["medium", "large", "unpriced", "small"]);
  });

  it("capability prefers JSON support for structured output and never picks a target the prompt does not fit", () => {
    const route: Route = { strategy: "capability", targets: [{ id: "small" }, { id: "medium" }, { id: "large" }] };
    expect(routeTargets(input(route, { needsJson: true })).order[0]!.id).not.toBe("small");
    expect(routeTargets(input(route, { promptTokens: 50_000 })).order[0]!.id).toBe("large");
  });

  it("A/B is sticky per user (or per book) and names the arm", () => {
    const route: Route = { strategy: "ab", targets: [{ id: "small" }, { id: "medium" }], stickyBy: "user" };
    const arms = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const a = routeTargets(input(route, { userId: `user-${i}`, random: () => 0.01 }));
      const b = routeTargets(input(route, { userId: `user-${i}`, random: () => 0.99 }));
      expect(a.arm).toBe(b.arm);
      expect(a.order[0]!.id).toBe(a.arm);
      arms.add(a.arm!);
    }
    expect([...arms].sort()).toEqual(["medium", "small"]);
    const byBook: Route = { ...route, stickyBy: "book" };
    expect(routeTargets(input(byBook, { bookId: "b1", userId: "u1" })).arm).toBe(routeTargets(input(byBook, { bookId: "b1", userId: "u2" })).arm);
  });
});

describe("A/B through the service", () => {
  let up: Upstream;
  beforeAll(async () => {
    up = await startUpstream();
  });
  afterAll(() => up.close());

  it("records the arm on the result and on every usage event, and keeps a user on one arm", async () => {
    const sink = recordingSink();
    const config = upstreamConfig(up.url, { LLM_ROUTES: JSON.stringify({ summary: { strategy: "ab", targets: ["custom", "openrouter"], stickyBy: "user" } }) });
    const llm = createLlmService(config, { sink });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await llm.generateText({ task: "summary", messages: userMessage(`n${i}`), user: { id: "ada" }, cache: false }));
    const arm = results[0]!.arm;
    expect(arm).toBeDefined();
    expect(results.map((r) => r.arm)).toEqual([arm, arm, arm]);
    expect(results.map((r) => r.targetId)).toEqual([arm, arm, arm]);
    expect(sink.events.map((e) => e.arm)).toEqual([arm, arm, arm]);
  });
});
