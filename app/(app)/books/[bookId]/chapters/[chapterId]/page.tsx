import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/request-db";
import { selectVersions } from "@/db/queries/chapters";
import { requireUser } from "@/lib/auth/guards";
import { openChapter } from "@/lib/books/chapters";
import { AppError } from "@/lib/errors";
import { ChapterEditor } from "@/components/books/chapter-editor";

export default async function ChapterPage({ params }: { params: Promise<{ bookId: string; chapterId: string }> }) {
  const { bookId, chapterId } = await params;
  const user = await requireUser(`/books/${bookId}/chapters/${chapterId}`);
  const db = getDb();
  const chapter = await openChapter(db, user, bookId, chapterId).catch((err: unknown) => {
    if (err instanceof AppError && err.type === "not_found") notFound();
    throw err;
  });
  const versions = await selectVersions(db, chapter.id);
  return (
    <div className="grid gap-4">
      <Link href={`/books/${bookId}`} className="text-sm underline">← Back to the book</Link>
      <h1 className="font-serif text-3xl font-semibold">
        {chapter.position + 1}. {chapter.title}
      </h1>
      <ChapterEditor
        bookId={bookId}
        chapterId={chapter.id}
        content={chapter.content}
        version={chapter.version}
        versions={versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() }))}
      />
    </div>
  );
}
