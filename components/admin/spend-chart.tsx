import { formatCount, formatUsd } from "@/lib/format";

type Point = { day: string; requests: number; costMicroUsd: number };

/**
 * Spend (bars) and requests (line) per day, as plain SVG: no chart library, readable without
 * JavaScript, with a text alternative for screen readers.
 */
export function SpendChart({ points }: { points: Point[] }) {
  const width = 720;
  const height = 200;
  const pad = { left: 8, right: 8, top: 12, bottom: 24 };
  if (points.length === 0) return <p className="text-sm text-muted-foreground">No model calls in this range.</p>;
  const maxCost = Math.max(1, ...points.map((p) => Number(p.costMicroUsd)));
  const maxRequests = Math.max(1, ...points.map((p) => Number(p.requests)));
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const step = innerW / points.length;
  const barW = Math.max(2, step * 0.7);
  const line = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${(pad.left + step * i + step / 2).toFixed(1)},${(pad.top + innerH - (Number(p.requests) / maxRequests) * innerH).toFixed(1)}`)
    .join(" ");
  const summary = `Spend per day from ${points[0]!.day} to ${points.at(-1)!.day}; highest ${formatUsd(maxCost)} and ${formatCount(maxRequests)} requests in a day.`;
  return (
    <figure className="grid gap-2">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="h-52 w-full" data-testid="spend-chart">
        {points.map((p, i) => {
          const h = (Number(p.costMicroUsd) / maxCost) * innerH;
          return (
            <rect key={p.day} x={pad.left + step * i + (step - barW) / 2} y={pad.top + innerH - h} width={barW} height={h} className="fill-primary/60">
              <title>{`${p.day}: ${formatUsd(p.costMicroUsd)}, ${formatCount(p.requests)} requests`}</title>
            </rect>
          );
        })}
        <path d={line} fill="none" strokeWidth={2} className="stroke-foreground" />
        <text x={pad.left} y={height - 6} className="fill-muted-foreground text-[11px]">{points[0]!.day}</text>
        <text x={width - pad.right} y={height - 6} textAnchor="end" className="fill-muted-foreground text-[11px]">{points.at(-1)!.day}</text>
      </svg>
      <figcaption className="text-xs text-muted-foreground">Bars: spend per day (max {formatUsd(maxCost)}). Line: requests per day (max {formatCount(maxRequests)}).</figcaption>
    </figure>
  );
}
