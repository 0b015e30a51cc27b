import type { EvalReport } from "./runner";
import type { TargetReport, TaskFigures } from "./summary";
import type { EvalTask } from "./suite";

/** The figures printed at the end of a run (and on the first lines of the Markdown report). */
export type TargetSummary = {
  target: string;
  model: string;
  failures: number;
  outlineValidRate: number | null;
  outlineFirstTryRate: number | null;
  chapterLengthAdherence: number | null;
  chapterRepetitionRate: number | null;
  chapterClichesPer1kWords: number | null;
  chapterUnknownNameRate: number | null;
  suggestionEditDistance: number | null;
  suggestionDistanceToExpected: number | null;
  latencyP50Ms: Partial<Record<EvalTask, number | null>>;
  latencyP95Ms: Partial<Record<EvalTask, number | null>>;
  ttftP50Ms: Partial<Record<EvalTask, number | null>>;
  ttftP95Ms: Partial<Record<EvalTask, number | null>>;
  costPerCaseMicroUsd: Partial<Record<EvalTask, number | null>>;
};

function perTask(t: TargetReport, pick: (f: TaskFigures) => number | null, only?: EvalTask[]): Partial<Record<EvalTask, number | null>> {
  const out: Partial<Record<EvalTask, number | null>> = {};
  for (const [task, f] of Object.entries(t.tasks) as Array<[EvalTask, TaskFigures]>) if (!only || only.includes(task)) out[task] = pick(f);
  return out;
}

export function summarize(report: EvalReport): TargetSummary[] {
  return report.targets.map((t) => ({
    target: t.targetId,
    model: t.model,
    failures: Object.values(t.tasks).reduce((n, f) => n + f.failures, 0),
    outlineValidRate: t.tasks.outline?.scores.valid ?? null,
    outlineFirstTryRate: t.tasks.outline?.scores.validFirstTry ?? null,
    chapterLengthAdherence: t.tasks.chapter?.scores.lengthAdherence ?? null,
    chapterRepetitionRate: t.tasks.chapter?.scores.repetitionRate ?? null,
    chapterClichesPer1kWords: t.tasks.chapter?.scores.clichesPer1kWords ?? null,
    chapterUnknownNameRate: t.tasks.chapter?.scores.unknownNameRate ?? null,
    suggestionEditDistance: t.tasks.suggestion?.scores.editDistance ?? null,
    suggestionDistanceToExpected: t.tasks.suggestion?.scores.distanceToExpected ?? null,
    latencyP50Ms: perTask(t, (f) => f.latencyP50Ms),
    latencyP95Ms: perTask(t, (f) => f.latencyP95Ms),
    ttftP50Ms: perTask(t, (f) => f.ttftP50Ms, ["chapter", "suggestion"]),
    ttftP95Ms: perTask(t, (f) => f.ttftP95Ms, ["chapter", "suggestion"]),
    costPerCaseMicroUsd: perTask(t, (f) => f.costPerCaseMicroUsd),
  }));
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${Math.round(v * 1000) / 10} %`);
const num = (v: number | null | undefined, unit = "") => (v === null || v === undefined ? "–" : `${v}${unit}`);
const usd = (v: number | null | undefined) => (v === null || v === undefined ? "unknown" : `$${(v / 1e6).toFixed(6)}`);

type Row = [label: string, cell: (t: TargetReport) => string];

const ROWS: Row[] = [
  ["Outline JSON validity (after Quire's repair and one re-ask)", (t) => pct(t.tasks.outline?.scores.valid)],
  ["Outline valid on the first answer", (t) => pct(t.tasks.outline?.scores.validFirstTry)],
  ["Chapter length adherence (1 = within 10 % of target, 0 = half or double)", (t) => num(t.tasks.chapter?.scores.lengthAdherence)],
  ["Chapter repetition (share of repeated 4-word phrases)", (t) => pct(t.tasks.chapter?.scores.repetitionRate)],
  ["Chapter clichés per 1,000 words", (t) => num(t.tasks.chapter?.scores.clichesPer1kWords)],
  ["Chapter unknown-name rate (names not in the bible)", (t) => pct(t.tasks.chapter?.scores.unknownNameRate)],
  ["Suggestion edit distance from the passage (word level, 0–1)", (t) => num(t.tasks.suggestion?.scores.editDistance)],
  ["Suggestion distance to the reference fix (word level, 0–1)", (t) => num(t.tasks.suggestion?.scores.distanceToExpected)],
  ["Outline latency p50 / p95", (t) => `${num(t.tasks.outline?.latencyP50Ms, " ms")} / ${num(t.tasks.outline?.latencyP95Ms, " ms")}`],
  ["Chapter latency p50 / p95", (t) => `${num(t.tasks.chapter?.latencyP50Ms, " ms")} / ${num(t.tasks.chapter?.latencyP95Ms, " ms")}`],
  ["Chapter time to first token p50 / p95", (t) => `${num(t.tasks.chapter?.ttftP50Ms, " ms")} / ${num(t.tasks.chapter?.ttftP95Ms, " ms")}`],
  ["Suggestion latency p50 / p95", (t) => `${num(t.tasks.suggestion?.latencyP50Ms, " ms")} / ${num(t.tasks.suggestion?.latencyP95Ms, " ms")}`],
  ["Suggestion time to first token p50 / p95", (t) => `${num(t.tasks.suggestion?.ttftP50Ms, " ms")} / ${num(t.tasks.suggestion?.ttftP95Ms, " ms")}`],
  ["Cost per outline", (t) => usd(t.tasks.outline?.costPerCaseMicroUsd)],
  ["Cost per chapter", (t) => usd(t.tasks.chapter?.costPerCaseMicroUsd)],
  ["Cost per suggestion", (t) => usd(t.tasks.suggestion?.costPerCaseMicroUsd)],
  ["Failed cases", (t) => Object.values(t.tasks).reduce((n, f) => n + f.failures, 0).toString()],
];

/** The side-by-side Markdown report: one column per target, one row per figure. */
export function renderMarkdown(report: EvalReport): string {
  const header = `| figure | ${report.targets.map((t) => `${t.targetId} (${t.model})`).join(" | ")} |`;
  const rule = `| --- | ${report.targets.map(() => "---").join(" | ")} |`;
  const rows = ROWS.map(([label, cell]) => `| ${label} | ${report.targets.map(cell).join(" | ")} |`);
  const errors = report.targets.flatMap((t) =>
    Object.entries(t.tasks).flatMap(([task, f]) => Object.entries(f.errorCodes).map(([code, n]) => `- ${t.targetId}, ${task}: ${n} × \`${code}\``)),
  );
  return [
    `# Model evaluation, ${report.startedAt}`,
    "",
    `Suite: ${report.suite.outline} outlines, ${report.suite.chapter} chapters, ${report.suite.suggestion} suggestions (eval/suite). Tasks run: ${report.tasks.join(", ")}.`,
    "Each target alone (no fallback, no cache), one case at a time. Scores are computed without any model judge (lib/eval).",
    "",
    header,
    rule,
    ...rows,
    "",
    errors.length > 0 ? "## Failures\n\n" + errors.join("\n") : "No case failed.",
    "",
  ].join("\n");
}
