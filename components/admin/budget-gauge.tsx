import { formatUsd } from "@/lib/format";

/** Spend against a cap as a bar; amber from the LLM service's warning ratio, red at the cap. */
export function BudgetGauge({ label, spent, reserved, cap }: { label: string; spent: number; reserved: number; cap: number | null }) {
  const ratio = cap ? Math.min(1, (spent + reserved) / cap) : 0;
  const tone = ratio >= 1 ? "bg-destructive" : ratio >= 0.8 ? "bg-amber-500" : "bg-primary";
  return (
    <div className="grid gap-1" data-testid={`budget-${label.toLowerCase()}`}>
      <div className="flex justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-muted-foreground">
          {formatUsd(spent)}
          {reserved > 0 && ` + ${formatUsd(reserved)} in flight`} / {cap === null ? "no cap set" : formatUsd(cap)}
        </span>
      </div>
      <div className="h-2 overflow-hidden rounded bg-muted" role="meter" aria-label={`${label} budget`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(ratio * 100)}>
        <div className={`h-full ${tone}`} style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}
