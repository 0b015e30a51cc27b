/**
 * Latency histograms in log buckets: bucket b holds durations in (1.1^(b−1), 1.1^b] ms, so a percentile
 * read from the buckets is within 10% of the true one, and a day × target × task needs at most ~130
 * buckets whatever the traffic. This is what lets the dashboard show p50/p95 and time to first token
 * for any date range from rollups instead of scanning llm_calls.
 */
const GROWTH = 1.1;

export function latencyBucket(ms: number): number {
  if (!(ms > 1)) return 0;
  return Math.ceil(Math.log(ms) / Math.log(GROWTH));
}

/** The upper bound of a bucket, in whole milliseconds (what a percentile reports). */
export function bucketUpperMs(bucket: number): number {
  return bucket <= 0 ? 1 : Math.round(GROWTH ** bucket);
}

/** The p-th percentile (0..100) from bucket counts, or null when nothing was counted. */
export function percentileFromBuckets(counts: Map<number, number>, p: number): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(bucket)!;
    if (seen >= rank) return bucketUpperMs(bucket);
  }
  return null;
}
