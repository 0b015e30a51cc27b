/** Display formats shared by the credits and admin pages (pure, safe in client components). */
export const formatCount = (n: number) => Number(n).toLocaleString("en");

export function formatUsd(microUsd: number): string {
  const usd = Number(microUsd) / 1_000_000;
  if (usd !== 0 && Math.abs(usd) < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatPercent(part: number, whole: number): string {
  if (!whole) return "0%";
  return `${((100 * part) / whole).toLocaleString("en", { maximumFractionDigits: 1 })}%`;
}

export const formatMs = (ms: number | null) => (ms === null ? "—" : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

export const formatDateTime = (d: Date | number) => new Date(d).toISOString().slice(0, 16).replace("T", " ") + " UTC";
