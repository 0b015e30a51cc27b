import { createLlmService, loadTokenizer, type LlmConfig, type LlmServiceDeps, type UsageEvent } from "@/lib/llm";
import { runChapterCase, runOutlineCase, runSuggestionCase, type CaseResult } from "./cases";
import { singleTargetConfig } from "./single-target";
import { summarizeTarget, type TargetReport } from "./summary";
import { EVAL_TASKS, type EvalSuite, type EvalTask } from "./suite";

export type EvalRunOptions = {
  tasks?: EvalTask[];
  /** Service dependencies for every target (a fetch for tests); the usage sink is the eval's own. */
  deps?: Omit<LlmServiceDeps, "sink">;
  clock?: () => number;
  onCase?: (targetId: string, result: CaseResult) => void;
};

export type EvalReport = {
  startedAt: string;
  finishedAt: string;
  suite: Record<EvalTask, number>;
  tasks: EvalTask[];
  targets: TargetReport[];
};

/**
 * Runs the suite against each target in turn (one at a time and one case at a time, so that one
 * target's load never slows another's latency figures), each through its own LLM service routed to
 * that target alone.
 */
export async function runEval(config: LlmConfig, targetIds: string[], suite: EvalSuite, options: EvalRunOptions = {}): Promise<EvalReport> {
  const tasks = options.tasks ?? [...EVAL_TASKS];
  const clock = options.clock ?? (() => performance.now());
  const startedAt = new Date().toISOString();
  const configs = targetIds.map((id) => [id, singleTargetConfig(config, id)] as const);
  // The service counts tokens itself when a provider reports no usage; loading the tokenizer takes
  // seconds the first time, which would otherwise land on the first case's latency.
  await loadTokenizer();
  const targets: TargetReport[] = [];
  for (const [targetId, targetConfig] of configs) {
    const events: UsageEvent[] = [];
    const llm = createLlmService(targetConfig, { priceRefresher: null, ...options.deps, sink: { record: (e) => void events.push(e) } });
    const target = targetConfig.targets.find((t) => t.id === targetId)!;
    const results: CaseResult[] = [];
    const record = (result: CaseResult) => {
      results.push(result);
      options.onCase?.(targetId, result);
    };
    if (tasks.includes("outline")) {
      for (const c of suite.outlines) {
        const before = events.length;
        record(await runOutlineCase(llm, c, clock, () => events.slice(before).filter((e) => e.outcome === "ok").length));
      }
    }
    if (tasks.includes("chapter")) {
      for (const c of suite.chapters) record(await runChapterCase(llm, c, clock, target.capabilities.contextWindow));
    }
    if (tasks.includes("suggestion")) {
      for (const c of suite.suggestions) record(await runSuggestionCase(llm, c, clock));
    }
    targets.push(summarizeTarget(target, results, events));
  }
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    suite: { outline: suite.outlines.length, chapter: suite.chapters.length, suggestion: suite.suggestions.length },
    tasks,
    targets,
  };
}
