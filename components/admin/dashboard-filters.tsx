import type { DashboardFilters } from "@/lib/admin/filters";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";

const select = "h-9 rounded-md border border-border bg-background px-2 text-sm";

/** A plain GET form: the filters live in the URL, so a view can be shared, reloaded and exported. */
export function DashboardFilterForm({ filters, models, tasks, action = "/admin" }: { filters: DashboardFilters; models: string[]; tasks: string[]; action?: string }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label="Filters">
      <div className="grid gap-1">
        <Label htmlFor="f-range">Range</Label>
        <select id="f-range" name="range" defaultValue={filters.preset} className={select}>
          <option value="today">Today</option>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
          <option value="custom">Custom (from / to)</option>
        </select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-from">From</Label>
        <input id="f-from" type="date" name="from" defaultValue={filters.from} className={select} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-to">To</Label>
        <input id="f-to" type="date" name="to" defaultValue={filters.to} className={select} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-model">Model</Label>
        <select id="f-model" name="model" defaultValue={filters.model ?? ""} className={select}>
          <option value="">All models</option>
          {[...new Set([...models, ...(filters.model ? [filters.model] : [])])].map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-task">Task</Label>
        <select id="f-task" name="task" defaultValue={filters.task ?? ""} className={select}>
          <option value="">All tasks</option>
          {[...new Set([...tasks, ...(filters.task ? [filters.task] : [])])].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="outline">
        Apply
      </Button>
    </form>
  );
}
