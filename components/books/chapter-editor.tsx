"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { restoreVersionAction, saveChapterAction } from "@/actions/chapters";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";

type SaveState = "saved" | "editing" | "saving" | "conflict" | "error";
const AUTOSAVE_MS = 1_200;

/** Plain-text chapter editing with autosave; a change saved elsewhere is reported, never overwritten. */
export function ChapterEditor(props: {
  bookId: string;
  chapterId: string;
  content: string;
  version: number;
  versions: { id: string; version: number; wordCount: number; reason: string; createdAt: string }[];
}) {
  const router = useRouter();
  const [text, setText] = useState(props.content);
  const [state, setState] = useState<SaveState>("saved");
  const version = useRef(props.version);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const save = useServerAction(saveChapterAction);
  const restore = useServerAction(restoreVersionAction);

  useEffect(() => () => clearTimeout(timer.current), []);

  function schedule(next: string) {
    setText(next);
    if (state === "conflict") return;
    setState("editing");
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      setState("saving");
      const [data, err] = await save.execute({ bookId: props.bookId, chapterId: props.chapterId, content: next, expectedVersion: version.current });
      if (data) {
        version.current = data.version;
        setState("saved");
      } else setState(err?.code === "conflict:chapter" ? "conflict" : "error");
    }, AUTOSAVE_MS);
  }

  const words = text.match(/[^\s]+/g)?.length ?? 0;
  return (
    <div className="grid gap-3">
      <div className="flex items-center gap-3 text-sm">
        <span data-testid="save-state" data-state={state} role="status">
          {state === "saved" ? "All changes saved" : state === "saving" ? "Saving…" : state === "editing" ? "Editing…" : state === "conflict" ? "This chapter was changed elsewhere" : "Not saved"}
        </span>
        <span className="text-muted-foreground">{words.toLocaleString("en")} words</span>
      </div>
      {state === "conflict" && (
        <div role="alert" data-error-code="conflict:chapter" className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm">
          Someone (or another tab) saved this chapter after you opened it. Your text is still here: copy what you need, then
          <Button size="sm" variant="outline" className="ml-2" onClick={() => location.reload()}>reload the saved version</Button>
        </div>
      )}
      <Textarea aria-label="Chapter text" className="min-h-[60vh] font-serif text-base leading-relaxed" value={text} onChange={(e) => schedule(e.target.value)} />
      <ErrorBanner error={state === "error" ? (save.error as { code: string; message: string } | null) : null} />
      {props.versions.length > 0 && (
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
      )}
    </div>
  );
}
