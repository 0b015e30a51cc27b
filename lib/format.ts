/** Display formats shared by the credits and admin pages (pure, safe in client components). */
export const formatCount = (n: number) => Number(n).toLocaleString("en");

export function formatUsd(microUsd: number): string {
  const usd = Number(microUsd) / 1_000_000;
  if (usd !== 0 && Math.abs(usd) < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * A spend that may include calls without a price. Unknown is not zero: when every call was unpriced the
 * spend is "unknown"; when some were, the known dollars are followed by how many calls had no price.
 */
export function formatSpend(microUsd: number, unpricedRequests: number, requests: number): string {
  const unpriced = Number(unpricedRequests);
  if (unpriced > 0 && unpriced >= Number(requests)) return "unknown";
  if (unpriced === 0) return formatUsd(microUsd);
  return `${formatUsd(microUsd)} + ${formatCount(unpriced)} ${unpriced === 1 ? "call" : "calls"} without a price`;
}

export function formatPercent(part: number, whole: number): string {
  if (!whole) return "0%";
  return `${((100 * part) / whole).toLocaleString("en", { maximumFractionDigits: 1 })}%`;
}

export const formatMs = (ms: number | null) => (ms === null ? "—" : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

export const formatDateTime = (d: Date | number) => new Date(d).toISOString().slice(0, 16).replace("T", " ") + " UTC";
