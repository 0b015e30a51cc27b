"use client";
import { useState } from "react";
import { formatCount, formatSpend, formatUsd } from "@/lib/format";
import { everyDay, labelledDays, niceTicks, type DayPoint } from "./chart-scale";

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { left: 64, right: 48, top: 16, bottom: 32 };
const INNER_W = WIDTH - PAD.left - PAD.right;
const INNER_H = HEIGHT - PAD.top - PAD.bottom;

/**
 * Spend (bars, left axis) and requests (line with dots, right axis) for every day of the range, as
 * plain SVG. One day shows as one bar and one dot; hovering (or focusing) a day shows its figures.
 * The summary in aria-label and the per-day <title>s serve screen readers and no-JS readers.
 */
export function SpendChart({ points, from, to }: { points: DayPoint[]; from: string; to: string }) {
  const [active, setActive] = useState<number | null>(null);
  if (points.length === 0) return <p className="text-sm text-muted-foreground">No model calls in this range.</p>;
  const days = everyDay(points, from, to);
  const costTicks = niceTicks(Math.max(...days.map((p) => p.costMicroUsd)));
  const requestTicks = niceTicks(Math.max(...days.map((p) => p.requests)));
  const costTop = costTicks.at(-1)!;
  const requestTop = requestTicks.at(-1)!;
  const step = INNER_W / days.length;
  const barW = Math.min(48, Math.max(2, step * 0.6));
  const x = (i: number) => PAD.left + step * i + step / 2;
  const yCost = (v: number) => PAD.top + INNER_H - (v / costTop) * INNER_H;
  const yRequests = (v: number) => PAD.top + INNER_H - (v / requestTop) * INNER_H;
  const line = days.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${yRequests(p.requests).toFixed(1)}`).join(" ");
  const labels = labelledDays(days.length, 6);
  const shown = active === null ? null : days[active]!;
  const maxCost = Math.max(...days.map((p) => p.costMicroUsd));
  const maxRequests = Math.max(...days.map((p) => p.requests));
  const summary = `Spend and requests per day from ${days[0]!.day} to ${days.at(-1)!.day}; highest ${formatUsd(maxCost)} and ${formatCount(maxRequests)} requests in a day.`;

  return (
    <figure className="grid gap-2">
      <div className="relative">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="h-auto w-full" data-testid="spend-chart" onPointerLeave={() => setActive(null)}>
          {costTicks.map((v) => (
            <g key={`c${v}`}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={yCost(v)} y2={yCost(v)} className="stroke-border" strokeWidth={1} />
              <text x={PAD.left - 6} y={yCost(v) + 4} textAnchor="end" className="fill-muted-foreground text-[11px]">
                {formatUsd(v)}
              </text>
            </g>
          ))}
          {requestTicks.map((v) => (
            <text key={`r${v}`} x={WIDTH - PAD.right + 6} y={yRequests(v) + 4} className="fill-muted-foreground text-[11px]">
              {formatCount(v)}
            </text>
          ))}
          <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + INNER_H} className="stroke-muted-foreground" strokeWidth={1} />
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + INNER_H} y2={PAD.top + INNER_H} className="stroke-muted-foreground" strokeWidth={1} />
          {days.map((p, i) => {
            const h = (p.costMicroUsd / costTop) * INNER_H;
            return <rect key={`b${p.day}`} x={x(i) - barW / 2} y={PAD.top + INNER_H - h} width={barW} height={h} className={active === i ? "fill-primary" : "fill-primary/60"} />;
          })}
          {days.length > 1 && <path d={line} fill="none" strokeWidth={2} className="stroke-foreground" />}
          {days.map((p, i) => (
            <circle key={`d${p.day}`} cx={x(i)} cy={yRequests(p.requests)} r={active === i ? 5 : days.length > 40 ? 0 : 3.5} className="fill-foreground" />
          ))}
          {days.map((p, i) =>
            labels.has(i) ? (
              <text key={`l${p.day}`} x={x(i)} y={HEIGHT - 10} textAnchor={days.length === 1 ? "middle" : i === 0 ? "start" : i === days.length - 1 ? "end" : "middle"} className="fill-muted-foreground text-[11px]">
                {p.day}
              </text>
            ) : null,
          )}
          {active !== null && <line x1={x(active)} x2={x(active)} y1={PAD.top} y2={PAD.top + INNER_H} className="stroke-muted-foreground" strokeDasharray="3 3" />}
          {days.map((p, i) => (
            // One hit area per day, the full height of the plot, so the hover does not need to find a thin bar.
            <rect
              key={`h${p.day}`}
              x={PAD.left + step * i}
              y={PAD.top}
              width={step}
              height={INNER_H}
              fill="transparent"
              tabIndex={0}
              aria-label={`${p.day}: ${formatSpend(p.costMicroUsd, p.unpricedRequests ?? 0, p.requests)}, ${formatCount(p.requests)} requests`}
              onPointerEnter={() => setActive(i)}
              onFocus={() => setActive(i)}
              onBlur={() => setActive(null)}
              data-testid="spend-chart-day"
            >
              <title>{`${p.day}: ${formatSpend(p.costMicroUsd, p.unpricedRequests ?? 0, p.requests)}, ${formatCount(p.requests)} requests`}</title>
            </rect>
          ))}
        </svg>
        {shown && (
          <div
            className="pointer-events-none absolute top-0 rounded-md border border-border bg-card px-2 py-1 text-xs shadow"
            style={{ left: `${(x(active!) / WIDTH) * 100}%`, transform: `translateX(${active! > days.length / 2 ? "-105%" : "5%"})` }}
            role="status"
            data-testid="spend-chart-value"
          >
            <div className="font-medium">{shown.day}</div>
            <div>{formatSpend(shown.costMicroUsd, shown.unpricedRequests ?? 0, shown.requests)} spend</div>
            <div>{formatCount(shown.requests)} requests</div>
          </div>
        )}
      </div>
      <figcaption className="text-xs text-muted-foreground">
        Bars: spend per day (left axis, max {formatUsd(maxCost)}). Line: requests per day (right axis, max {formatCount(maxRequests)}). Point at a day for its figures.
      </figcaption>
    </figure>
  );
}
