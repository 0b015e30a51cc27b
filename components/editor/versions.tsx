"use client";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { restoreVersionAction } from "@/actions/chapters";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/error-banner";

export type VersionSummary = { id: string; version: number; wordCount: number; reason: string; createdAt: string };

const REASONS: Record<string, string> = { regenerate: "regenerating", restore: "restoring another version" };

/**
 * Earlier versions of the chapter, opened from the chapter's header (a regenerated or restored
 * chapter's old text is one click away, not at the bottom of the page). Restoring one keeps the
 * current text as a version too, so nothing is lost either way.
 */
export function Versions(props: { bookId: string; chapterId: string; versions: VersionSummary[]; beforeRestore?: () => Promise<unknown> | void }) {
  const router = useRouter();
  const restore = useServerAction(restoreVersionAction);
  if (props.versions.length === 0) return null;
  return (
    <details className="relative" data-testid="chapter-versions">
      <summary className="cursor-pointer select-none text-sm underline underline-offset-2">
        Versions ({props.versions.length})
      </summary>
      <section aria-label="Earlier versions" className="absolute right-0 z-40 mt-2 grid w-[min(26rem,90vw)] gap-2 rounded-md border border-border bg-card p-3 shadow-md">
        <p className="text-xs text-muted-foreground">Restoring a version keeps the current text as a version too.</p>
        <ul className="grid gap-1 text-sm" aria-label="Versions">
          {props.versions.map((v) => (
            <li key={v.id} className="flex items-center gap-3">
              <span>
                Version {v.version} · {v.wordCount.toLocaleString("en")} words · kept when {REASONS[v.reason] ?? v.reason}
                <span className="block text-xs text-muted-foreground">{new Date(v.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}</span>
              </span>
              <Button
                size="sm"
                variant="outline"
                className="ml-auto"
                disabled={restore.isPending}
                aria-label={`Restore version ${v.version}`}
                onClick={async () => {
                  await props.beforeRestore?.();
                  const [, err] = await restore.execute({ bookId: props.bookId, chapterId: props.chapterId, versionId: v.id });
                  if (!err) location.reload();
                  else router.refresh();
                }}
              >
                Restore
              </Button>
            </li>
          ))}
        </ul>
        <ErrorBanner error={restore.error as { code: string; message: string } | null} />
      </section>
    </details>
  );
}
