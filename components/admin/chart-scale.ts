/** Pure helpers for the admin charts: every day of a range, and round axis ticks. */

/** `unpricedRequests`: that day's calls without a price (their cost is not in costMicroUsd). */
export type DayPoint = { day: string; requests: number; costMicroUsd: number; unpricedRequests?: number };

/** Every day from `from` to `to` (YYYY-MM-DD, UTC), with zeros where nothing happened. */
export function everyDay(points: DayPoint[], from: string, to: string): DayPoint[] {
  const byDay = new Map(points.map((p) => [p.day, p]));
  const out: DayPoint[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  let t = Date.parse(`${from}T00:00:00Z`);
  if (!Number.isFinite(t) || !Number.isFinite(end) || end < t || (end - t) / 86_400_000 > 800) return points;
  for (; t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const p = byDay.get(day);
    out.push({ day, requests: Number(p?.requests ?? 0), costMicroUsd: Number(p?.costMicroUsd ?? 0), unpricedRequests: Number(p?.unpricedRequests ?? 0) });
  }
  return out;
}

/** A round top for an axis (1, 2, 2.5 or 5 times a power of ten) and its ticks from 0. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 1e-9; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  if (ticks.at(-1)! < max) ticks.push(Math.round((ticks.at(-1)! + step) * 1e9) / 1e9);
  return ticks;
}

/** Which day labels fit under the axis: about `slots` of them, always the first and the last. */
export function labelledDays(count: number, slots: number): Set<number> {
  if (count <= slots) return new Set(Array.from({ length: count }, (_, i) => i));
  const every = Math.ceil((count - 1) / (slots - 1));
  const out = new Set<number>([0, count - 1]);
  for (let i = every; i < count - every / 2; i += every) out.add(i);
  return out;
}
