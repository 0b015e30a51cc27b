import { notFound } from "next/navigation";
import { getDb } from "@/db/request-db";
import { selectChapters } from "@/db/queries/chapters";
import { selectBible } from "@/db/queries/bible";
import { selectLatestJobForBook } from "@/db/queries/jobs";
import { requireUser } from "@/lib/auth/guards";
import { openBook } from "@/lib/books/library";
import { bookIdSchema } from "@/lib/books/schemas";
import { outlineMetaOf } from "@/lib/books/outline-schema";
import type { QualityChecks } from "@/lib/books/quality";
import { contextWindowFor, getLlm } from "@/lib/ai/service";
import { estimateBook } from "@/lib/jobs/start";
import { AppError } from "@/lib/errors";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { BookDetailsForm, DeleteBookButton, RenameBookForm } from "@/components/books/book-settings";
import { OutlinePanel } from "@/components/books/outline-panel";
import { BiblePanel } from "@/components/books/bible-panel";
import { BibleProposals } from "@/components/books/bible-proposals";
import { listBibleProposals } from "@/lib/books/bible-proposals";
import { ManuscriptPanel } from "@/components/books/manuscript-panel";
import { BookJobProvider } from "@/components/books/book-job";
import { BookActionBar } from "@/components/books/book-action-bar";
import { CoverPanel } from "@/components/covers/cover-panel";
import { ExportPanel } from "@/components/export/export-panel";
import { coverPainterLabel } from "@/lib/covers/service";

export default async function BookPage({ params }: { params: Promise<{ bookId: string }> }) {
  const { bookId } = await params;
  const user = await requireUser(`/books/${bookId}`);
  if (!bookIdSchema.safeParse(bookId).success) notFound();
  const db = getDb();
  const book = await openBook(db, user, bookId).catch((err: unknown) => {
    // Someone else's book and a missing one look the same: no hint that it exists.
    if (err instanceof AppError && err.code === "not_found:book") notFound();
    throw err;
  });
  const llm = getLlm();
  const [chapters, bible, proposals, latestJob, estimate] = await Promise.all([
    selectChapters(db, bookId),
    selectBible(db, bookId),
    listBibleProposals(db, user, bookId),
    selectLatestJobForBook(db, bookId),
    estimateBook(db, user, bookId, contextWindowFor(llm, "chapter")),
  ]);
  // Dollars for the model the chapter route tries first (null when its price is unknown).
  const chapterTarget = llm.config.targets.find((t) => t.id === llm.config.routes.chapter.targets[0]?.id);
  const price = chapterTarget ? llm.priceFor(chapterTarget.id) : undefined;
  const estimateUsd = price ? (estimate.promptTokens * price.inputPerMTok + estimate.outputTokens * price.outputPerMTok) / 1_000_000 : null;
  const activeJob = latestJob && (latestJob.status === "queued" || latestJob.status === "running" || latestJob.status === "failed") ? latestJob : null;
  const meta = outlineMetaOf(book.outline);
  const locked = latestJob?.status === "queued" || latestJob?.status === "running";

  const facts: [string, string][] = [
    ["Genre", book.genre],
    ["Audience", book.audience],
    ["Tone", book.tone],
    ["Chapters", String(book.chapterCount)],
    ["Words per chapter", book.wordsPerChapter.toLocaleString("en")],
    ["Status", book.status],
  ];
  return (
    <BookJobProvider
      bookId={book.id}
      activeJob={
        activeJob
          ? { id: activeJob.id, kind: activeJob.kind, status: activeJob.status, progressDone: activeJob.progressDone, progressTotal: activeJob.progressTotal, errorCode: activeJob.errorCode, errorMessage: activeJob.errorMessage, chapterId: activeJob.chapterId }
          : null
      }
      chapters={chapters.map((c) => ({ id: c.id, title: c.title, status: c.status, content: c.content, wordCount: c.wordCount, qualityChecks: (c.qualityChecks as QualityChecks | null) ?? null }))}
    >
      <div className="grid gap-6">
        <div>
          <p className="text-sm text-muted-foreground">Book</p>
          <h1 className="break-words font-serif text-3xl font-semibold sm:text-4xl" data-testid="book-title">
            {book.title}
          </h1>
          {meta && <p className="mt-2 italic text-muted-foreground" data-testid="logline">{meta.logline}</p>}
          {llm.config.demoOnly && (
            <p className="mt-2 text-xs text-muted-foreground" data-testid="demo-model-notice">
              Text is written by Quire&apos;s offline demo model: configure a model provider for real prose.
            </p>
          )}
        </div>
        {chapters.length > 0 && (
          <BookActionBar targetWords={book.wordsPerChapter} bookStatus={book.status} estimate={{ ...estimate, usd: estimateUsd, model: chapterTarget?.model ?? "unknown model" }} />
        )}
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
          <CardTitle>Outline</CardTitle>
          {meta && <CardDescription>Setting: {meta.setting}</CardDescription>}
          <OutlinePanel
            bookId={book.id}
            locked={locked}
            chapters={chapters.map((c) => ({ id: c.id, title: c.title, synopsis: c.synopsis, beats: c.beats, hasText: c.content.trim().length > 0 }))}
          />
        </Card>
        {chapters.length > 0 && (
          <Card className="grid gap-4">
            <CardTitle>Story bible</CardTitle>
            <BibleProposals
              bookId={book.id}
              proposals={proposals}
              writtenChapters={chapters.flatMap((c, i) => (c.status === "written" ? [{ id: c.id, number: i + 1, title: c.title }] : []))}
            />
            <BiblePanel bookId={book.id} entries={bible.map((e) => ({ id: e.id, kind: e.kind, name: e.name, aliases: e.aliases, body: e.body }))} />
          </Card>
        )}
        {chapters.length > 0 && (
          <Card className="grid gap-4">
            <CardTitle>Manuscript</CardTitle>
            <ManuscriptPanel targetWords={book.wordsPerChapter} />
          </Card>
        )}
        <Card className="grid gap-4" data-testid="cover-card">
          <CardTitle>Cover</CardTitle>
          <CoverPanel bookId={book.id} title={book.title} coverKey={book.coverKey} painterLabel={coverPainterLabel(llm)} />
        </Card>
        {chapters.length > 0 && (
          <Card className="grid gap-4" data-testid="export-card">
            <CardTitle>Export</CardTitle>
            <ExportPanel bookId={book.id} words={chapters.reduce((n, c) => n + c.wordCount, 0)} unwritten={chapters.filter((c) => !c.content.trim()).length} />
          </Card>
        )}
        <Card className="grid gap-4">
          <CardTitle>Settings</CardTitle>
          <RenameBookForm bookId={book.id} title={book.title} />
          <BookDetailsForm
            bookId={book.id}
            outlined={chapters.length}
            details={{ premise: book.premise, genre: book.genre, audience: book.audience, tone: book.tone, chapterCount: book.chapterCount, wordsPerChapter: book.wordsPerChapter }}
          />
          <DeleteBookButton bookId={book.id} title={book.title} />
        </Card>
      </div>
    </BookJobProvider>
  );
}
