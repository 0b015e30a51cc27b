import { notFound } from "next/navigation";
import { getDb } from "@/db/request-db";
import { selectChapterSummaries, selectVersions } from "@/db/queries/chapters";
import { getLlm } from "@/lib/ai/service";
import { requireUser } from "@/lib/auth/guards";
import { openChapter } from "@/lib/books/chapters";
import { AppError } from "@/lib/errors";
import { ManuscriptEditor } from "@/components/editor/manuscript-editor";

/** One chapter's text plus the list of chapters (titles and counts): a long book opens chapter by chapter. */
export default async function ChapterPage({ params }: { params: Promise<{ bookId: string; chapterId: string }> }) {
  const { bookId, chapterId } = await params;
  const user = await requireUser(`/books/${bookId}/chapters/${chapterId}`);
  const db = getDb();
  const chapter = await openChapter(db, user, bookId, chapterId).catch((err: unknown) => {
    if (err instanceof AppError && err.type === "not_found") notFound();
    throw err;
  });
  const [chapters, versions] = await Promise.all([selectChapterSummaries(db, bookId), selectVersions(db, chapter.id)]);
  return (
    <ManuscriptEditor
      key={chapter.id}
      bookId={bookId}
      chapter={{ id: chapter.id, title: chapter.title, position: chapter.position, content: chapter.content, version: chapter.version }}
      chapters={chapters}
      versions={versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() }))}
      demoModel={getLlm().config.demoOnly}
    />
  );
}
