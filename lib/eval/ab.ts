import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * A/B comparison of the arms of an `ab` route (LLM_ROUTES strategy "ab"), from what production
 * recorded: every usage event carries its arm (llm_calls.arm), suggestion events carry the arm that
 * wrote the suggestion, and a written chapter takes the arm of the chapter call that wrote it. For the
 * admin dashboard (the lead wires it in); every figure comes with its sample size, so a 3-request arm
 * is not read as a verdict.
 *
 * Reads llm_calls within a time window only (the created_at index bounds the scan), so the window
 * is required.
 */
export type AbWindow = {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** Restrict the call figures to one task (suggestion and chapter figures are per task already). */
  task?: string;
};

export type ArmCalls = {
  /** Requests = first attempts plus cache hits (a fallback or retry is part of its request). */
  requests: number;
  attempts: number;
  /** Requests that ended in an answer (ok or cached). */
  answered: number;
  /** Failed attempts / attempts: how often the arm's targets misbehaved. */
  errorRate: number | null;
  /** Requests that ended without an answer / requests. */
  failedRequestRate: number | null;
  /** Answers that came from another target than the first choice / answers. */
  fallbackRate: number | null;
  cachedRate: number | null;
  costMicroUsd: number;
  costPerRequestMicroUsd: number | null;
  /** Over successful, uncached attempts. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  ttftP50Ms: number | null;
};

export type ArmSuggestions = { sample: number; accepted: number; rejected: number; edited: number; acceptanceRate: number | null };

export type ArmChapters = {
  sample: number;
  /** Chapters within the length band of their target (quality check lengthOk). */
  lengthOkRate: number | null;
  /** Chapters with no repeated four-word phrase. */
  repetitionFreeRate: number | null;
  /** Both of the above: the bar the training export's --min-quality uses. */
  qualityPassRate: number | null;
  meanLengthRatio: number | null;
  meanUnknownNames: number | null;
};

export type ArmReport = { arm: string; calls: ArmCalls; suggestions: ArmSuggestions; chapters: ArmChapters };
export type AbReport = { window: AbWindow; arms: ArmReport[] };

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

function taskFilter(task?: string): SQL {
  return task ? sql`AND task = ${task}` : sql``;
}

type CallRow = { arm: string; attempts: number; first: number; cached: number; answered: number; errors: number; fallbacks: number; cost: number };

async function callFigures(db: Db, w: AbWindow): Promise<CallRow[]> {
  return db.all<CallRow>(sql`
    SELECT arm,
      count(*) AS attempts,
      sum(CASE WHEN attempt = 1 AND cached = 0 THEN 1 ELSE 0 END) AS first,
      sum(CASE WHEN cached = 1 THEN 1 ELSE 0 END) AS cached,
      sum(CASE WHEN outcome IN ('ok', 'cached') THEN 1 ELSE 0 END) AS answered,
      sum(CASE WHEN outcome = 'error' THEN 1 ELSE 0 END) AS errors,
      sum(CASE WHEN outcome IN ('ok', 'cached') AND fallback_from IS NOT NULL THEN 1 ELSE 0 END) AS fallbacks,
      coalesce(sum(cost_micro_usd), 0) AS cost
    FROM llm_calls
    WHERE created_at >= ${w.from} AND created_at < ${w.to} AND arm IS NOT NULL ${taskFilter(w.task)}
    GROUP BY arm`);
}

/** Nearest-rank percentile of a column over one arm's successful, uncached attempts. */
async function percentileOf(db: Db, w: AbWindow, arm: string, column: "latency_ms" | "ttft_ms", p: number): Promise<number | null> {
  const where = sql`created_at >= ${w.from} AND created_at < ${w.to} AND arm = ${arm} AND outcome = 'ok' AND cached = 0 AND ${sql.raw(column)} IS NOT NULL ${taskFilter(w.task)}`;
  const [count] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM llm_calls WHERE ${where}`);
  const n = count?.n ?? 0;
  if (n === 0) return null;
  const offset = Math.min(n, Math.max(1, Math.ceil((p / 100) * n))) - 1;
  const [row] = await db.all<{ v: number }>(sql`SELECT ${sql.raw(column)} AS v FROM llm_calls WHERE ${where} ORDER BY ${sql.raw(column)} LIMIT 1 OFFSET ${offset}`);
  return row?.v ?? null;
}

type SuggestionRow = { arm: string; accepted: number; rejected: number; edited: number };

function suggestionFigures(db: Db, w: AbWindow): Promise<SuggestionRow[]> {
  return db.all<SuggestionRow>(sql`
    SELECT arm,
      sum(CASE WHEN action = 'accept' THEN 1 ELSE 0 END) AS accepted,
      sum(CASE WHEN action = 'reject' THEN 1 ELSE 0 END) AS rejected,
      sum(CASE WHEN action = 'edit' THEN 1 ELSE 0 END) AS edited
    FROM suggestion_events
    WHERE created_at >= ${w.from} AND created_at < ${w.to} AND arm IS NOT NULL
    GROUP BY arm`);
}

type ChapterRow = { arm: string; sample: number; length_ok: number; repetition_free: number; pass: number; ratio: number | null; unknown: number | null };

/**
 * A chapter's arm is that of the last successful chapter call on its book before the chapter was
 * saved: A/B arms are sticky per user or per book, so every chapter call of a book shares one arm.
 */
function chapterFigures(db: Db, w: AbWindow): Promise<ChapterRow[]> {
  return db.all<ChapterRow>(sql`
    SELECT arm,
      count(*) AS sample,
      sum(CASE WHEN json_extract(qc, '$.lengthOk') THEN 1 ELSE 0 END) AS length_ok,
      sum(CASE WHEN json_array_length(qc, '$.repeatedPhrases') = 0 THEN 1 ELSE 0 END) AS repetition_free,
      sum(CASE WHEN json_extract(qc, '$.lengthOk') AND json_array_length(qc, '$.repeatedPhrases') = 0 THEN 1 ELSE 0 END) AS pass,
      avg(json_extract(qc, '$.lengthRatio')) AS ratio,
      avg(json_array_length(qc, '$.unknownNames')) AS unknown
    FROM (
      SELECT c.quality_checks AS qc,
        (SELECT l.arm FROM llm_calls l
          WHERE l.book_id = c.book_id AND l.task = 'chapter' AND l.outcome = 'ok' AND l.arm IS NOT NULL AND l.created_at <= c.updated_at
          ORDER BY l.created_at DESC LIMIT 1) AS arm
      FROM chapters c
      WHERE c.status = 'written' AND c.quality_checks IS NOT NULL AND json_valid(c.quality_checks)
        AND c.updated_at >= ${w.from} AND c.updated_at < ${w.to}
    )
    WHERE arm IS NOT NULL
    GROUP BY arm`);
}

export async function abComparison(db: Db, window: AbWindow): Promise<AbReport> {
  if (!(window.from < window.to)) throw new RangeError("the A/B window must have from < to");
  const [calls, suggestions, chapters] = await Promise.all([callFigures(db, window), suggestionFigures(db, window), chapterFigures(db, window)]);
  const arms = [...new Set([...calls.map((c) => c.arm), ...suggestions.map((s) => s.arm), ...chapters.map((c) => c.arm)])].sort();
  const reports: ArmReport[] = [];
  for (const arm of arms) {
    const c = calls.find((r) => r.arm === arm);
    const s = suggestions.find((r) => r.arm === arm);
    const ch = chapters.find((r) => r.arm === arm);
    const requests = c ? c.first + c.cached : 0;
    const [latencyP50Ms, latencyP95Ms, ttftP50Ms] = c
      ? await Promise.all([percentileOf(db, window, arm, "latency_ms", 50), percentileOf(db, window, arm, "latency_ms", 95), percentileOf(db, window, arm, "ttft_ms", 50)])
      : [null, null, null];
    const judged = s ? s.accepted + s.rejected : 0;
    reports.push({
      arm,
      calls: {
        requests,
        attempts: c?.attempts ?? 0,
        answered: c?.answered ?? 0,
        errorRate: ratio(c?.errors ?? 0, c?.attempts ?? 0),
        failedRequestRate: ratio(Math.max(0, requests - (c?.answered ?? 0)), requests),
        fallbackRate: ratio(c?.fallbacks ?? 0, c?.answered ?? 0),
        cachedRate: ratio(c?.cached ?? 0, requests),
        costMicroUsd: c?.cost ?? 0,
        costPerRequestMicroUsd: ratio(c?.cost ?? 0, requests),
        latencyP50Ms,
        latencyP95Ms,
        ttftP50Ms,
      },
      suggestions: { sample: judged, accepted: s?.accepted ?? 0, rejected: s?.rejected ?? 0, edited: s?.edited ?? 0, acceptanceRate: ratio(s?.accepted ?? 0, judged) },
      chapters: {
        sample: ch?.sample ?? 0,
        lengthOkRate: ratio(ch?.length_ok ?? 0, ch?.sample ?? 0),
        repetitionFreeRate: ratio(ch?.repetition_free ?? 0, ch?.sample ?? 0),
        qualityPassRate: ratio(ch?.pass ?? 0, ch?.sample ?? 0),
        meanLengthRatio: ch?.ratio ?? null,
        meanUnknownNames: ch?.unknown ?? null,
      },
    });
  }
  return { window, arms: reports };
}
