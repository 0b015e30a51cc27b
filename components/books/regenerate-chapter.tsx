"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Regenerate asks first: writing a chapter again replaces its text on the page, so the author is
 * told that the current text is kept as a version (restorable from the chapter's header in the
 * editor) before anything happens.
 */
export function RegenerateChapter({ title, disabled, onConfirm }: { title: string; disabled: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button size="sm" variant="ghost" disabled={disabled} onClick={() => setAsking(true)}>
        Regenerate
      </Button>
    );
  }
  return (
    <span role="alertdialog" aria-label={`Regenerate ${title}?`} className="flex flex-wrap items-center gap-2 text-sm">
      <span>Write this chapter again? The current text is kept as a version you can restore from the chapter&apos;s editor.</span>
      <Button
        size="sm"
        variant="destructive"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Regenerate
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setAsking(false)}>
        Keep it
      </Button>
    </span>
  );
}
