import { notFound } from "next/navigation";
import { getDb } from "@/db/request-db";
import { requireUser } from "@/lib/auth/guards";
import { openBook } from "@/lib/books/library";
import { bookIdSchema } from "@/lib/books/schemas";
import { AppError } from "@/lib/errors";
import { Card, CardTitle } from "@/components/ui/card";
import { DeleteBookButton, RenameBookForm } from "@/components/books/book-settings";

export default async function BookPage({ params }: { params: Promise<{ bookId: string }> }) {
  const { bookId } = await params;
  const user = await requireUser(`/books/${bookId}`);
  if (!bookIdSchema.safeParse(bookId).success) notFound();
  const book = await openBook(getDb(), user, bookId).catch((err: unknown) => {
    // Someone else's book and a missing one look the same: no hint that it exists.
    if (err instanceof AppError && err.code === "not_found:book") notFound();
    throw err;
  });

  const facts: [string, string][] = [
    ["Genre", book.genre],
    ["Audience", book.audience],
    ["Tone", book.tone],
    ["Chapters", String(book.chapterCount)],
    ["Words per chapter", book.wordsPerChapter.toLocaleString("en")],
    ["Status", book.status],
  ];
  return (
    <div className="grid gap-6">
      <div>
        <p className="text-sm text-muted-foreground">Book</p>
        <h1 className="font-serif text-4xl font-semibold" data-testid="book-title">
          {book.title}
        </h1>
      </div>
      <Card>
        <CardTitle>Premise</CardTitle>
        <p className="mt-2 whitespace-pre-wrap">{book.premise}</p>
        <dl className="mt-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-muted-foreground">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card className="grid gap-4">
        <CardTitle>Settings</CardTitle>
        <RenameBookForm bookId={book.id} title={book.title} />
        <DeleteBookButton bookId={book.id} title={book.title} />
      </Card>
    </div>
  );
}
