import { buttonVariants } from "@/components/ui/button";

/** Download links for the book: plain links, so the browser streams the file to disk as it arrives. */
const FORMATS = [
  { format: "epub", label: "EPUB", note: "for e-readers and stores" },
  { format: "docx", label: "Word (DOCX)", note: "for editing and print layout" },
  { format: "md", label: "Markdown", note: "plain text" },
] as const;

export function ExportPanel({ bookId, words, unwritten }: { bookId: string; words: number; unwritten: number }) {
  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-foreground">
        {words.toLocaleString("en")} words with the cover, title page and a table of contents.
        {unwritten > 0 && ` ${unwritten} chapter${unwritten === 1 ? " has" : "s have"} no text yet and will appear as headings only.`}
      </p>
      <ul className="flex flex-wrap gap-2" aria-label="Downloads">
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a href={`/api/books/${bookId}/export/${f.format}`} download className={buttonVariants({ variant: "outline" })} title={f.note} data-testid={`export-${f.format}`}>
              Download {f.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
