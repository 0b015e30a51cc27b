"use client";
import { Button } from "@/components/ui/button";
import type { OverlayFinding } from "./overlay-extension";
import { SuggestionError } from "./suggestion-notice";

/** The chapter check's findings, each kept or dismissed on its own; the underlines mirror this list. */
export function CheckPanel(props: {
  status: "idle" | "checking" | "done" | "error";
  cached?: boolean;
  error?: { code: string; message: string; details?: Record<string, unknown> };
  findings: OverlayFinding[];
  onAccept: (id: string) => void;
  onDismiss: (id: string) => void;
  /** The paragraph a finding is in now (from 1), and a way to show it in the text. */
  paragraphOf?: (finding: OverlayFinding) => number;
  onReveal?: (id: string) => void;
}) {
  if (props.status === "idle") return null;
  return (
    <section aria-label="Chapter check" data-testid="check-panel" className="grid content-start gap-2 rounded-md border border-border bg-card p-3 text-sm">
      <h2 className="font-semibold">
        Chapter check {props.status === "checking" && <span className="font-normal text-muted-foreground">· checking…</span>}
        {props.status === "done" && props.cached && <span className="ml-1 font-normal text-muted-foreground" data-testid="check-cached">· from cache</span>}
      </h2>
      {props.error && <SuggestionError error={props.error} />}
      {props.status === "done" && props.findings.length === 0 && <p className="text-muted-foreground">Nothing left to fix.</p>}
      <ul className="grid gap-2">
        {props.findings.map((f) => (
          <li key={f.id} data-testid="check-finding" className="grid gap-1 border-b border-border pb-2 last:border-0">
            <span className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted-foreground">
              {props.paragraphOf && props.paragraphOf(f) > 0 && (
                <button type="button" className="underline" data-testid="finding-where" onClick={() => props.onReveal?.(f.id)} title="Show it in the text">
                  paragraph {props.paragraphOf(f)}
                </button>
              )}
              <span className="uppercase tracking-wide">{f.reason}</span>
            </span>
            <span>
              <del className="bg-rose-100">{f.original}</del> → <ins className="bg-emerald-100 no-underline">{f.replacement || "(remove)"}</ins>
            </span>
            <span className="flex gap-2">
              <Button size="sm" variant="outline" onClick={() => props.onAccept(f.id)}>Accept</Button>
              <Button size="sm" variant="ghost" onClick={() => props.onDismiss(f.id)}>Dismiss</Button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
