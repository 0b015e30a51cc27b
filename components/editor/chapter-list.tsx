"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";

export type ChapterSummary = { id: string; position: number; title: string; wordCount: number; status: string };

/** The book's chapters beside the text; only titles and counts, the text of one chapter at a time. */
export function ChapterList(props: { bookId: string; chapters: ChapterSummary[]; currentId: string; currentWords: number; beforeLeave: () => Promise<void> }) {
  const router = useRouter();
  return (
    <nav aria-label="Chapters" className="grid content-start gap-1 text-sm">
      <Link href={`/books/${props.bookId}`} className="mb-2 underline">← Book overview</Link>
      <ol className="grid gap-0.5">
        {props.chapters.map((c) => {
          const current = c.id === props.currentId;
          const href = `/books/${props.bookId}/chapters/${c.id}`;
          return (
            <li key={c.id}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                data-testid="chapter-link"
                className={`flex justify-between gap-2 rounded px-2 py-1 ${current ? "bg-muted font-semibold" : "hover:bg-muted"}`}
                onClick={async (e) => {
                  if (current) return e.preventDefault();
                  // Save what is typed before leaving, so switching chapters never loses words.
                  e.preventDefault();
                  await props.beforeLeave();
                  router.push(href);
                }}
              >
                <span className="truncate">{c.position + 1}. {c.title}</span>
                <span className="shrink-0 tabular-nums text-muted-foreground">{(current ? props.currentWords : c.wordCount).toLocaleString("en")}</span>
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
