"use client";
import { useState } from "react";
import { Button } from "./button";

/**
 * Copies a text to the clipboard and says so. Where the clipboard is refused (an old browser, a
 * page not served over https), it says to copy by hand instead of failing silently.
 */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        size="sm"
        variant="outline"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setState("copied");
          } catch {
            setState("failed");
          }
        }}
      >
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="text-xs text-muted-foreground">
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "The browser did not allow copying: select the text and copy it." : ""}
      </span>
    </span>
  );
}
