"use client";
import { useState } from "react";
import { useServerAction } from "zsa-react";
import { setTrainingOptInAction } from "@/actions/account";
import { ErrorBanner } from "@/components/ui/error-banner";

type ActionError = { code: string; message: string } | null;

/** A switch that saves at once; the state shown is what the server saved, never a guess. */
export function TrainingOptInToggle({ initialOptIn }: { initialOptIn: boolean }) {
  const [optIn, setOptIn] = useState(initialOptIn);
  const [saved, setSaved] = useState(false);
  const { execute, isPending, error } = useServerAction(setTrainingOptInAction);
  return (
    <div className="grid gap-2">
      <label className="flex items-center gap-3 text-sm font-medium">
        <input
          type="checkbox"
          role="switch"
          aria-checked={optIn}
          className="h-4 w-4"
          checked={optIn}
          disabled={isPending}
          onChange={async (event) => {
            setSaved(false);
            const [data] = await execute({ optIn: event.currentTarget.checked });
            if (data) {
              setOptIn(data.optIn);
              setSaved(true);
            }
          }}
        />
        Use my books to train Quire&apos;s model
      </label>
      <p className="text-sm text-muted-foreground" role="status" data-testid="training-opt-in-status">
        {isPending ? "Saving…" : saved ? (optIn ? "Saved: your books may be used for training." : "Saved: your books will not be used for training.") : ""}
      </p>
      <ErrorBanner error={error as ActionError} />
    </div>
  );
}
