"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { deleteBookAction, renameBookAction, updateBookDetailsAction } from "@/actions/books";
import { BOOK_LIMITS, GENRES } from "@/lib/books/schemas";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label, Textarea } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";

type ActionError = { code: string; message: string; fieldErrors?: Record<string, string[] | undefined> } | null;

export function RenameBookForm({ bookId, title }: { bookId: string; title: string }) {
  const router = useRouter();
  const { execute, isPending, error, isSuccess } = useServerAction(renameBookAction);
  const err = error as ActionError;
  return (
    <form
      aria-label="Rename book"
      className="grid gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const [data] = await execute({ bookId: String(form.get("bookId")), title: String(form.get("title") ?? "") });
        if (data) router.refresh();
      }}
    >
      <input type="hidden" name="bookId" value={bookId} />
      <Label htmlFor="rename-title">Title</Label>
      <div className="flex gap-2">
        <Input id="rename-title" className="min-w-0" name="title" defaultValue={title} maxLength={BOOK_LIMITS.title} />
        <Button type="submit" variant="outline" disabled={isPending}>
          Rename
        </Button>
      </div>
      <FieldError messages={err?.fieldErrors?.title} />
      <ErrorBanner error={err} />
      {isSuccess && <p className="text-sm text-muted-foreground" role="status">Renamed.</p>}
    </form>
  );
}

export function DeleteBookButton({ bookId, title }: { bookId: string; title: string }) {
  const [confirming, setConfirming] = useState(false);
  const { execute, isPending, error } = useServerAction(deleteBookAction);
  if (!confirming) {
    return (
      <Button variant="outline" onClick={() => setConfirming(true)}>
        Delete book
      </Button>
    );
  }
  return (
    <div role="alertdialog" aria-label="Confirm delete" className="grid gap-3 rounded-md border border-destructive/40 p-4">
      <p className="text-sm">
        Delete <strong>{title}</strong> and every chapter in it? This cannot be undone.
      </p>
      <div className="flex gap-2">
        <Button variant="destructive" disabled={isPending} onClick={() => execute({ bookId })}>
          Yes, delete it
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
      <ErrorBanner error={error as ActionError} />
    </div>
  );
}

type BookDetails = { premise: string; genre: string; audience: string; tone: string; chapterCount: number; wordsPerChapter: number };

/** Premise, genre, audience, tone and sizes after creation; checked again by the server (zod, owner). */
export function BookDetailsForm({ bookId, details, outlined }: { bookId: string; details: BookDetails; outlined: number }) {
  const router = useRouter();
  const { execute, isPending, error, isSuccess } = useServerAction(updateBookDetailsAction);
  const err = error as ActionError;
  const fields = err?.fieldErrors;
  const genres: string[] = GENRES.includes(details.genre as (typeof GENRES)[number]) ? [...GENRES] : [details.genre, ...GENRES];
  return (
    <form
      aria-label="Book details"
      className="grid gap-3"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const [data] = await execute({
          bookId,
          premise: String(form.get("premise") ?? ""),
          genre: String(form.get("genre") ?? ""),
          audience: String(form.get("audience") ?? ""),
          tone: String(form.get("tone") ?? ""),
          chapterCount: Number(form.get("chapterCount")),
          wordsPerChapter: Number(form.get("wordsPerChapter")),
        });
        if (data) router.refresh();
      }}
    >
      <div className="grid gap-2">
        <Label htmlFor="details-premise">Premise</Label>
        <Textarea id="details-premise" name="premise" defaultValue={details.premise} maxLength={BOOK_LIMITS.premise} />
        <FieldError messages={fields?.premise} />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="grid gap-2">
          <Label htmlFor="details-genre">Genre</Label>
          <select id="details-genre" name="genre" className="flex h-9 w-full rounded-md border border-border bg-background px-3 text-sm" defaultValue={details.genre}>
            {genres.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
          <FieldError messages={fields?.genre} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="details-audience">Audience</Label>
          <Input id="details-audience" name="audience" defaultValue={details.audience} maxLength={BOOK_LIMITS.audience} />
          <FieldError messages={fields?.audience} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="details-tone">Tone</Label>
          <Input id="details-tone" name="tone" defaultValue={details.tone} maxLength={BOOK_LIMITS.tone} />
          <FieldError messages={fields?.tone} />
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="grid gap-2">
          <Label htmlFor="details-chapters">Chapters</Label>
          <Input id="details-chapters" name="chapterCount" type="number" defaultValue={details.chapterCount} min={BOOK_LIMITS.chapters.min} max={BOOK_LIMITS.chapters.max} />
          {outlined > 0 && <p className="text-xs text-muted-foreground">The outline has {outlined} chapters; a new outline aims for this number.</p>}
          <FieldError messages={fields?.chapterCount} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="details-words">Words per chapter</Label>
          <Input id="details-words" name="wordsPerChapter" type="number" defaultValue={details.wordsPerChapter} min={BOOK_LIMITS.wordsPerChapter.min} max={BOOK_LIMITS.wordsPerChapter.max} step={100} />
          <FieldError messages={fields?.wordsPerChapter} />
        </div>
      </div>
      <ErrorBanner error={err} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="outline" disabled={isPending}>
          Save details
        </Button>
        {isSuccess && !isPending && (
          <p className="text-sm text-muted-foreground" role="status">
            Details saved.
          </p>
        )}
      </div>
    </form>
  );
}
