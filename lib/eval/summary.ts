import type { Target, UsageEvent } from "@/lib/llm";
import type { CaseResult } from "./cases";
import { mean, percentile, round } from "./stats";
import type { EvalTask } from "./suite";

/** Figures of one target on one task: what a reader of the report compares side by side. */
export type TaskFigures = {
  cases: number;
  failures: number;
  errorCodes: Record<string, number>;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  ttftP50Ms: number | null;
  ttftP95Ms: number | null;
  /** Every attempt's cost (failed ones and re-asks too) per case; null when the price is unknown. */
  costPerCaseMicroUsd: number | null;
  /** Mean of each score over the cases that succeeded (outline validity: over all cases). */
  scores: Record<string, number | null>;
};

export type TargetReport = {
  targetId: string;
  provider: string;
  model: string;
  tasks: Partial<Record<EvalTask, TaskFigures>>;
  cases: CaseResult[];
};

/** Usage events are per LLM task; the grammar route is part of the suggestion figures. */
function evalTaskOf(event: UsageEvent): EvalTask | null {
  if (event.task === "outline" || event.task === "chapter") return event.task;
  if (event.task === "suggestion" || event.task === "grammar") return "suggestion";
  return null;
}

function costPerCase(events: UsageEvent[], cases: number): number | null {
  if (cases === 0) return null;
  if (events.some((e) => e.costMicroUsd === null)) return null;
  return round(events.reduce((s, e) => s + (e.costMicroUsd ?? 0), 0) / cases, 1);
}

function figures(task: EvalTask, results: CaseResult[], events: UsageEvent[]): TaskFigures {
  const ok = results.filter((r) => r.ok);
  const errorCodes: Record<string, number> = {};
  for (const r of results) if (r.errorCode) errorCodes[r.errorCode] = (errorCodes[r.errorCode] ?? 0) + 1;
  const scoreNames = [...new Set(results.flatMap((r) => Object.keys(r.scores)))];
  const scores: Record<string, number | null> = {};
  for (const name of scoreNames) {
    // Outline validity counts a failed case as invalid; other scores describe the answers there were.
    const sample = task === "outline" ? results : ok;
    scores[name] = round(mean(sample.flatMap((r) => (r.scores[name] === undefined ? [] : [r.scores[name]!]))));
  }
  const ttfts = ok.flatMap((r) => (r.ttftMs === null ? [] : [r.ttftMs]));
  const latencies = ok.map((r) => r.latencyMs);
  return {
    cases: results.length,
    failures: results.length - ok.length,
    errorCodes,
    latencyP50Ms: round(percentile(latencies, 50), 0),
    latencyP95Ms: round(percentile(latencies, 95), 0),
    ttftP50Ms: round(percentile(ttfts, 50), 0),
    ttftP95Ms: round(percentile(ttfts, 95), 0),
    costPerCaseMicroUsd: costPerCase(events.filter((e) => evalTaskOf(e) === task), results.length),
    scores,
  };
}

export function summarizeTarget(target: Target, results: CaseResult[], events: UsageEvent[]): TargetReport {
  const tasks: TargetReport["tasks"] = {};
  for (const task of ["outline", "chapter", "suggestion"] as const) {
    const mine = results.filter((r) => r.task === task);
    if (mine.length > 0) tasks[task] = figures(task, mine, events);
  }
  return { targetId: target.id, provider: target.provider, model: target.model, tasks, cases: results };
}

