"use client";
import { useEffect, useState } from "react";
import { useServerAction } from "zsa-react";
import { estimateNewBookAction } from "@/actions/books";

type Plan = { premise: string; genre: string; audience: string; tone: string; chapterCount: number; wordsPerChapter: number };

/**
 * What writing the planned book would cost, asked of the server (the same estimate as Write all on
 * the book page) a moment after the author stops changing the sizes.
 */
export function NewBookEstimate({ plan }: { plan: Plan }) {
  const { execute, data, isPending } = useServerAction(estimateNewBookAction);
  const [shown, setShown] = useState<{ credits: number; tokens: number; chapters: number } | null>(null);
  const key = JSON.stringify(plan);
  useEffect(() => {
    const timer = setTimeout(() => {
      void execute(JSON.parse(key) as Plan).then(([result]) => setShown(result));
    }, 400);
    return () => clearTimeout(timer);
    // Only a changed plan asks again (execute's identity is not promised to be stable).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const figures = shown ?? data;
  return (
    <p className="text-sm text-muted-foreground" data-testid="new-book-estimate" aria-live="polite" data-pending={isPending ? "true" : undefined}>
      {figures
        ? `Writing all ${figures.chapters} chapters: about ${figures.credits.toLocaleString("en")} credits (${figures.tokens.toLocaleString("en")} tokens), plus a few for the outline.`
        : "Choose chapters and words per chapter to see what writing the book would cost."}
    </p>
  );
}
