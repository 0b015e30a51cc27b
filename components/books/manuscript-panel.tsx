"use client";
import Link from "next/link";
import type { QualityChecks } from "@/lib/books/quality";
import { Button } from "@/components/ui/button";
import { useBookJob } from "./book-job";
import { RegenerateChapter } from "./regenerate-chapter";

export type { ManuscriptChapter } from "./book-job";

/**
 * What a chapter's status says to its author. A chapter whose run stopped part-way (cancelled, or the
 * model failed) kept its text: it is unfinished, not lost, and Continue takes it on.
 */
function statusLabel(status: string, content: string): string {
  return status === "failed" && content ? "unfinished" : status;
}

/** The chapters with their live text; Write all, Cancel and progress live in the book's action bar. */
export function ManuscriptPanel(props: { targetWords: number }) {
  const { bookId, chapters, running, writeChapter } = useBookJob();
  return (
    <div className="grid gap-4">
      <ol className="grid gap-3" aria-label="Manuscript">
        {chapters.map((c, i) => (
          <li key={c.id} className="rounded-lg border border-border p-4" data-testid="manuscript-chapter" data-status={c.status}>
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="font-serif text-lg font-semibold">
                {i + 1}. {c.title}
              </h3>
              <span className="rounded bg-muted px-2 py-0.5 text-xs" data-testid="chapter-status" title={c.status === "failed" && c.content ? "Stopped before its end; Continue picks up from the last word" : undefined}>
                {statusLabel(c.status, c.content)}
              </span>
              <span className="text-xs text-muted-foreground" data-testid="chapter-words">
                {c.wordCount.toLocaleString("en")} / {props.targetWords.toLocaleString("en")} words
              </span>
              <span className="ml-auto flex gap-1">
                {c.status !== "written" && c.status !== "writing" && (
                  <Button size="sm" variant="outline" disabled={running} onClick={() => writeChapter(c.id, c.content ? "continue" : "write")}>
                    {c.content ? "Continue" : "Write"}
                  </Button>
                )}
                {c.status === "written" && c.qualityChecks && c.qualityChecks.lengthRatio < 0.8 && (
                  <Button size="sm" variant="outline" disabled={running} onClick={() => writeChapter(c.id, "continue")}>
                    Continue
                  </Button>
                )}
                {c.status === "written" && (
                  <RegenerateChapter title={c.title} disabled={running} onConfirm={() => writeChapter(c.id, "regenerate")} />
                )}
                <Link className="self-center px-2 text-sm underline" href={`/books/${bookId}/chapters/${c.id}`}>
                  Edit
                </Link>
              </span>
            </div>
            {c.content && (
              <div className="mt-3 max-h-72 overflow-y-auto whitespace-pre-wrap font-serif text-sm leading-relaxed" data-testid="chapter-text">
                {c.content}
              </div>
            )}
            {c.qualityChecks && c.status === "written" && <QualityNote checks={c.qualityChecks} />}
          </li>
        ))}
      </ol>
    </div>
  );
}

function QualityNote({ checks }: { checks: QualityChecks }) {
  return (
    <ul className="mt-3 grid gap-1 text-xs text-muted-foreground" aria-label="Quality checks" data-testid="quality-checks">
      <li>
        Length: {Math.round(checks.lengthRatio * 100)}% of target {checks.lengthOk ? "✓" : "— outside 80–125%"}
      </li>
      <li>Repeated phrases: {checks.repeatedPhrases.length === 0 ? "none ✓" : checks.repeatedPhrases.map((p) => `“${p.phrase}” ×${p.count}`).join(", ")}</li>
      <li>Names not in the bible: {checks.unknownNames.length === 0 ? "none ✓" : checks.unknownNames.join(", ")}</li>
      {checks.bibleConflicts && (
        <li data-testid="bible-conflicts">
          Contradicts the bible: {checks.bibleConflicts.length === 0 ? "none ✓" : checks.bibleConflicts.map((c) => `${c.entry}: “${c.evidence}” (the bible says: ${c.bibleSays})`).join("; ")}
        </li>
      )}
    </ul>
  );
}
