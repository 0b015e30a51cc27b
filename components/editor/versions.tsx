"use client";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { restoreVersionAction } from "@/actions/chapters";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/error-banner";

export type VersionSummary = { id: string; version: number; wordCount: number; reason: string; createdAt: string };

/** Earlier versions of the chapter; restoring one keeps the current text as a version too. */
export function Versions(props: { bookId: string; chapterId: string; versions: VersionSummary[] }) {
  const router = useRouter();
  const restore = useServerAction(restoreVersionAction);
  if (props.versions.length === 0) return null;
  return (
    <section className="grid gap-2">
      <h2 className="text-sm font-semibold">Earlier versions</h2>
      <ul className="grid gap-1 text-sm" aria-label="Versions">
        {props.versions.map((v) => (
          <li key={v.id} className="flex items-center gap-3">
            <span>Version {v.version} · {v.wordCount.toLocaleString("en")} words · set aside by {v.reason}</span>
            <Button
              size="sm"
              variant="ghost"
              disabled={restore.isPending}
              onClick={async () => {
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
  );
}
