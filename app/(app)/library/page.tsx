import Link from "next/link";
import { getDb } from "@/db/request-db";
import { requireUser } from "@/lib/auth/guards";
import { listLibrary } from "@/lib/books/library";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";

export const metadata = { title: "Library" };

export default async function LibraryPage() {
  const user = await requireUser("/library");
  const books = await listLibrary(getDb(), user);
  return (
    <div className="grid gap-6">
      <div className="flex items-center justify-between">
        <h1 className="font-serif text-3xl font-semibold">Your library</h1>
        <Link href="/books/new" className={buttonVariants()}>
          New book
        </Link>
      </div>
      {books.length === 0 ? (
        <Card className="text-center" data-testid="library-empty">
          <CardTitle>No books yet</CardTitle>
          <CardDescription className="mt-2">
            Start with a premise: Quire drafts an outline you can edit, then writes the chapters with you.
          </CardDescription>
          <Link href="/books/new" className={buttonVariants({ className: "mt-4" })}>
            Create your first book
          </Link>
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2" aria-label="Books">
          {books.map((book) => (
            <li key={book.id}>
              <Link href={`/books/${book.id}`} className="block">
                <Card className="flex h-full gap-4 transition-shadow hover:shadow-md">
                  {/* eslint-disable-next-line @next/next/no-img-element -- the cover route serves SVG or the author's upload */}
                  <img src={`/api/books/${book.id}/cover?v=${encodeURIComponent(book.coverKey ?? "composed")}`} alt="" loading="lazy" data-testid="library-cover" className="aspect-[10/16] w-20 shrink-0 self-start rounded border border-border object-cover" />
                  <div className="min-w-0">
                    <CardTitle className="font-serif">{book.title}</CardTitle>
                    <CardDescription className="mt-1">
                      {book.genre} · {book.chapterCount} chapters · {book.status}
                    </CardDescription>
                    <p className="mt-3 line-clamp-3 text-sm">{book.premise}</p>
                  </div>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
