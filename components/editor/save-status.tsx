import type { SaveState } from "./use-autosave";

const LABELS: Record<SaveState, string> = {
  saved: "All changes saved",
  editing: "Unsaved changes…",
  saving: "Saving…",
  conflict: "Changed elsewhere: not saved",
  error: "Not saved",
};

export function SaveStatus({ state }: { state: SaveState }) {
  return (
    <span data-testid="save-state" data-state={state} role="status" className={state === "conflict" || state === "error" ? "text-destructive" : "text-muted-foreground"}>
      {LABELS[state]}
    </span>
  );
}
