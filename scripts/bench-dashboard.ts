// Times every panel of the admin cost dashboard on a local D1 holding 1,000,000 llm_calls rows and
// their rollups (usage_daily, usage_daily_facets), as the usage sink would have written them.
// Seeding uses multi-row INSERTs in D1 batches (the sink's per-call batch would take hours); the rows
// and rollups are built with the sink's own toCallRecord/facetsOf, so they are what the sink writes.
// Run: npm run bench:dashboard [-- --calls 1000000 --users 2000 --days 30]. Last line: JSON timings (ms).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { getPlatformProxy } from "wrangler";
import { storageConfig } from "./lib/local.mjs";
import { createDb, type Db } from "../db/client";
import { utcDay, type FacetCount, type LlmCallRecord } from "../db/queries/usage";
import { selectUserUsageByTask } from "../db/queries/usage";
import { selectUsersByEmail } from "../db/queries/admin";
import { DASHBOARD_PANELS, type PanelName } from "../lib/admin/dashboard";
import { modelHealth } from "../lib/admin/model-health";
import { parseDashboardFilters } from "../lib/admin/filters";
import { facetsOf, toCallRecord } from "../lib/usage/sink";
import type { LlmTask, ProviderKind, UsageEvent } from "../lib/llm";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CALLS = arg("calls", 1_000_000);
const USERS = arg("users", 2_000);
const DAYS = arg("days", 30);
const ROWS_PER_INSERT = 400;
const INSERTS_PER_BATCH = 25;
const RUNS = 5;

// A deterministic generator, so two runs seed the same data.
let state = 42;
const random = () => {
  // mulberry32: 32-bit integer steps only, so no float precision is lost.
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(weighted: [T, number][]): T => {
  let r = random() * weighted.reduce((a, [, w]) => a + w, 0);
  for (const [value, w] of weighted) if ((r -= w) <= 0) return value;
  return weighted[0]![0];
};

const TASK_MIX: [LlmTask, number][] = [["suggestion", 45], ["chapter", 18], ["summary", 12], ["grammar", 8], ["outline", 12], ["cover-prompt", 3], ["cover-image", 2]];
const TARGETS = {
  custom: { provider: "openai-compatible" as ProviderKind, model: "quire-writer", inPerM: 0.2, outPerM: 0.6 },
  openrouter: { provider: "openrouter" as ProviderKind, model: "meta-llama/llama-3.3-70b-instruct", inPerM: 0.6, outPerM: 0.9 },
  workers: { provider: "workers-ai" as ProviderKind, model: "@cf/meta/llama-3.1-8b-instruct", inPerM: 0.05, outPerM: 0.1 },
};
const OUTPUT_TOKENS: Record<LlmTask, number> = { outline: 2000, chapter: 4000, summary: 400, suggestion: 120, grammar: 120, "cover-prompt": 150, "cover-image": 300, embedding: 0 };

function syntheticEvent(now: number): UsageEvent {
  const task = pick(TASK_MIX);
  const targetId = task === "summary" ? "workers" : pick<keyof typeof TARGETS>([["custom", 88], ["openrouter", 12]]);
  const target = TARGETS[targetId];
  const roll = random();
  const outcome = roll < 0.04 ? "error" : roll < 0.16 && task !== "chapter" ? "cached" : "ok";
  const inputTokens = Math.round(300 + random() * (task === "chapter" ? 3500 : 1200));
  const outputTokens = outcome === "error" ? 0 : Math.round(OUTPUT_TOKENS[task] * (0.5 + random()));
  const cost = Math.round(inputTokens * target.inPerM + outputTokens * target.outPerM);
  const latencyMs = Math.round(outcome === "cached" ? 3 : 150 + outputTokens * (2 + random() * 8));
  // Power-law users: a few heavy writers, a long tail of light ones.
  const user = Math.floor(USERS * random() ** 3);
  return {
    task,
    provider: target.provider,
    model: target.model,
    targetId,
    attempt: outcome === "cached" ? 0 : 1,
    fallbackFrom: targetId === "openrouter" ? "custom" : null,
    cached: outcome === "cached",
    inputTokens,
    outputTokens,
    cachedInputTokens: 0,
    estimated: false,
    costMicroUsd: outcome === "cached" ? 0 : cost,
    costSource: "price-table",
    savedMicroUsd: outcome === "cached" ? cost : 0,
    latencyMs,
    ttftMs: outcome === "cached" ? null : Math.round(80 + random() * 400),
    outcome,
    errorCode: outcome === "error" ? pick([["timeout", 3], ["unavailable", 2], ["rate_limited", 2]]) : null,
    arm: null,
    userId: `usr_bench_${user}`,
    bookId: null,
    jobId: null,
    apiKeyId: null,
    at: now - Math.floor(random() * DAYS * 86_400_000),
  };
}

const lit = (v: string | number | boolean | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : typeof v === "boolean" ? (v ? "1" : "0") : `'${v.replace(/'/g, "''")}'`);

async function execBatches(d1: D1Database, statements: string[]) {
  for (let i = 0; i < statements.length; i += INSERTS_PER_BATCH) {
    await d1.batch(statements.slice(i, i + INSERTS_PER_BATCH).map((s) => d1.prepare(s)));
  }
}

async function seed1(d1: D1Database, now: number) {
  const users: string[] = [];
  for (let u = 0; u < USERS; u++) users.push(`(${lit(`usr_bench_${u}`)}, ${lit(`Writer ${u}`)}, ${lit(`writer${u}@bench.quire`)}, 0, 'user', 0, ${now}, ${now})`);
  const userStatements: string[] = [];
  for (let i = 0; i < users.length; i += ROWS_PER_INSERT) {
    userStatements.push(`INSERT INTO user (id, name, email, email_verified, role, training_opt_in, created_at, updated_at) VALUES ${users.slice(i, i + ROWS_PER_INSERT).join(",")}`);
  }
  await execBatches(d1, userStatements);

  const daily = new Map<string, number[]>();
  const facets = new Map<string, number>();
  const userDays = new Map<string, number[]>();
  const userDaysBy = new Map<string, number[]>();
  let pending: string[] = [];
  let statements: string[] = [];
  const flush = async (force: boolean) => {
    if (pending.length >= ROWS_PER_INSERT || (force && pending.length)) {
      statements.push(`INSERT INTO llm_calls (id, task, provider, model, target_id, attempt, fallback_from, cached, input_tokens, output_tokens, cached_tokens, estimated, cost_micro_usd, saved_micro_usd, latency_ms, ttft_ms, outcome, error_code, arm, user_id, book_id, job_id, created_at) VALUES ${pending.join(",")}`);
      pending = [];
    }
    if (statements.length >= INSERTS_PER_BATCH || (force && statements.length)) {
      await execBatches(d1, statements);
      statements = [];
    }
  };
  const addDaily = (c: LlmCallRecord, userId: string) => {
    const key = [utcDay(c.at), c.provider, c.model, c.task, userId].join("\u0001");
    const row = daily.get(key) ?? Array.from({ length: 11 }, () => 0);
    const values = [1, c.outcome === "error" ? 1 : 0, c.cached ? 1 : 0, c.fallbackFrom && c.outcome !== "error" ? 1 : 0, c.inputTokens, c.outputTokens, c.cachedTokens, c.costMicroUsd ?? 0, c.savedMicroUsd, c.credits, c.latencyMs];
    values.forEach((v, i) => (row[i] += v));
    daily.set(key, row);
  };
  for (let n = 0; n < CALLS; n++) {
    const event = syntheticEvent(now);
    const c = toCallRecord(event);
    pending.push(`(${[`llm_b${n.toString(36)}`, c.task, c.provider, c.model, c.targetId, c.attempt, c.fallbackFrom, c.cached, c.inputTokens, c.outputTokens, c.cachedTokens, c.estimated, c.costMicroUsd, c.savedMicroUsd, c.latencyMs, c.ttftMs, c.outcome, c.errorCode, c.arm, c.userId, c.bookId, c.jobId, c.at].map(lit).join(",")})`);
    addDaily(c, "");
    if (c.userId) {
      addDaily(c, c.userId);
      const key = `${utcDay(c.at)}\u0001${c.userId}`;
      const row = userDays.get(key) ?? [0, 0, 0, 0, 0];
      [1, c.inputTokens, c.outputTokens, c.costMicroUsd ?? 0, c.credits].forEach((v, i) => (row[i]! += v));
      userDays.set(key, row);
      for (const [dim, value] of [["task", c.task], ["model", c.model]]) {
        const byKey = [dim, value, utcDay(c.at), c.userId].join("\u0001");
        const by = userDaysBy.get(byKey) ?? [0, 0, 0, 0, 0];
        [1, c.inputTokens, c.outputTokens, c.costMicroUsd ?? 0, c.credits].forEach((v, i) => (by[i]! += v));
        userDaysBy.set(byKey, by);
      }
    }
    for (const f of facetsOf(event) as FacetCount[]) {
      const key = [utcDay(c.at), f.kind, c.provider, c.model, c.task, f.facet].join("\u0001");
      facets.set(key, (facets.get(key) ?? 0) + 1);
    }
    await flush(false);
    if ((n + 1) % 100_000 === 0) console.log(`· ${n + 1} calls seeded`);
  }
  await flush(true);

  const dailyRows = [...daily].map(([key, v]) => `(${key.split("\u0001").map(lit).join(",")},${v.join(",")})`);
  const dailyStatements: string[] = [];
  for (let i = 0; i < dailyRows.length; i += ROWS_PER_INSERT) {
    dailyStatements.push(`INSERT INTO usage_daily (day, provider, model, task, user_id, requests, errors, cached_requests, fallbacks, input_tokens, output_tokens, cached_tokens, cost_micro_usd, saved_micro_usd, credits, latency_ms_sum) VALUES ${dailyRows.slice(i, i + ROWS_PER_INSERT).join(",")}`);
  }
  await execBatches(d1, dailyStatements);
  const facetRows = [...facets].map(([key, count]) => `(${key.split("\u0001").map(lit).join(",")},${count})`);
  const facetStatements: string[] = [];
  for (let i = 0; i < facetRows.length; i += ROWS_PER_INSERT) {
    facetStatements.push(`INSERT INTO usage_daily_facets (day, kind, provider, model, task, facet, count) VALUES ${facetRows.slice(i, i + ROWS_PER_INSERT).join(",")}`);
  }
  await execBatches(d1, facetStatements);
  const userDayRows = [...userDays].map(([key, v]) => `(${key.split("\u0001").map(lit).join(",")},${v.join(",")})`);
  const userDayStatements: string[] = [];
  for (let i = 0; i < userDayRows.length; i += ROWS_PER_INSERT) {
    userDayStatements.push(`INSERT INTO usage_user_daily (day, user_id, requests, input_tokens, output_tokens, cost_micro_usd, credits) VALUES ${userDayRows.slice(i, i + ROWS_PER_INSERT).join(",")}`);
  }
  await execBatches(d1, userDayStatements);
  const byRows = [...userDaysBy].map(([key, v]) => `(${key.split("\u0001").map(lit).join(",")},${v.join(",")})`);
  const byStatements: string[] = [];
  for (let i = 0; i < byRows.length; i += ROWS_PER_INSERT) {
    byStatements.push(`INSERT INTO usage_user_daily_by (dim, value, day, user_id, requests, input_tokens, output_tokens, cost_micro_usd, credits) VALUES ${byRows.slice(i, i + ROWS_PER_INSERT).join(",")}`);
  }
  await execBatches(d1, byStatements);
  await d1.prepare("ANALYZE").run();
  return { usageDailyRows: dailyRows.length, facetRows: facetRows.length };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return Math.round(samples[Math.floor(samples.length / 2)]! * 10) / 10;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "quire-bench-d1-"));
  try {
    execFileSync(path.resolve("node_modules/.bin/wrangler"), ["d1", "migrations", "apply", "quire", "--local", "--persist-to", dir], { stdio: "pipe", env: { ...process.env, CI: "1" } });
    const proxy = await getPlatformProxy<CloudflareEnv>({ configPath: storageConfig, persist: { path: path.join(dir, "v3") } });
    const d1 = proxy.env.DB;
    const db: Db = createDb(d1);
    const now = Date.now();
    const seedStart = performance.now();
    const sizes = await seed1(d1, now);
    console.log(`· seeded ${CALLS} calls, ${sizes.usageDailyRows} usage_daily rows, ${sizes.facetRows} facet rows in ${Math.round((performance.now() - seedStart) / 1000)} s`);

    // Every panel on the widest preset (30 days) and on a filtered 30 days; the slower one is reported.
    const wide = parseDashboardFilters({ range: "30d" }, now);
    // Filters narrow the rows read, except for a model alone on a model that carries most traffic: time that too.
    const narrow = parseDashboardFilters({ range: "30d", model: "quire-writer", task: "chapter" }, now);
    const byModel = parseDashboardFilters({ range: "30d", model: "quire-writer" }, now);
    const byTask = parseDashboardFilters({ range: "30d", task: "suggestion" }, now);
    const timings: Record<string, number> = {};
    for (const name of Object.keys(DASHBOARD_PANELS) as PanelName[]) {
      const panel = DASHBOARD_PANELS[name];
      const a = await time(() => panel(db, wide));
      const b = await time(() => panel(db, narrow));
      const c = await time(() => panel(db, byModel));
      const e = await time(() => panel(db, byTask));
      timings[name] = Math.max(a, b, c, e);
      console.log(`· ${name}: 30d ${a} ms, +model+task ${b} ms, +model ${c} ms, +task ${e} ms`);
    }
    timings.modelHealth = await time(() => modelHealth(db, undefined, now));
    timings.userSearch = await time(() => selectUsersByEmail(db, "writer12"));
    timings.userUsage30d = await time(() => selectUserUsageByTask(db, "usr_bench_0", wide.from, wide.to));
    const slowest = Math.max(...Object.values(timings));
    await proxy.dispose();
    console.log(JSON.stringify({ llmCalls: CALLS, usageDailyRows: sizes.usageDailyRows, unit: "ms, median of 5, slowest of 30d unfiltered / +model+task / +model / +task", ...timings, slowest, under300: slowest < 300 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
