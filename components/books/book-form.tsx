"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { createBookAction } from "@/actions/books";
import { BOOK_LIMITS, GENRES } from "@/lib/books/schemas";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label, Textarea } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";
import { NewBookEstimate } from "./new-book-estimate";

const selectClass = "flex h-9 w-full rounded-md border border-border bg-background px-3 text-sm";

export function NewBookForm() {
  const router = useRouter();
  const { execute, isPending, error } = useServerAction(createBookAction);
  const fields = (error as { fieldErrors?: Record<string, string[] | undefined> } | null)?.fieldErrors;
  const [plan, setPlan] = useState({ premise: "", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 12, wordsPerChapter: 2500 });

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const [data] = await execute({
      title: String(form.get("title") ?? ""),
      premise: String(form.get("premise") ?? ""),
      genre: String(form.get("genre") ?? ""),
      audience: String(form.get("audience") ?? ""),
      tone: String(form.get("tone") ?? ""),
      chapterCount: Number(form.get("chapterCount")),
      wordsPerChapter: Number(form.get("wordsPerChapter")),
    });
    if (data) router.push(`/books/${data.bookId}`);
  }

  return (
    <form
      onSubmit={onSubmit}
      className="grid gap-4"
      aria-label="New book"
      noValidate
      onChange={(event) => {
        // Only valid sizes are estimated; what the server would refuse keeps the last figure.
        const form = new FormData(event.currentTarget);
        const chapterCount = Number(form.get("chapterCount"));
        const wordsPerChapter = Number(form.get("wordsPerChapter"));
        const sizesOk =
          Number.isInteger(chapterCount) && chapterCount >= BOOK_LIMITS.chapters.min && chapterCount <= BOOK_LIMITS.chapters.max &&
          Number.isInteger(wordsPerChapter) && wordsPerChapter >= BOOK_LIMITS.wordsPerChapter.min && wordsPerChapter <= BOOK_LIMITS.wordsPerChapter.max;
        if (!sizesOk) return;
        setPlan({
          premise: String(form.get("premise") ?? "").slice(0, BOOK_LIMITS.premise),
          genre: String(form.get("genre") ?? ""),
          audience: String(form.get("audience") ?? ""),
          tone: String(form.get("tone") ?? ""),
          chapterCount,
          wordsPerChapter,
        });
      }}
    >
      <div className="grid gap-2">
        <Label htmlFor="title">Title</Label>
        <Input id="title" name="title" maxLength={BOOK_LIMITS.title} required />
        <FieldError messages={fields?.title} />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="premise">Premise</Label>
        <Textarea id="premise" name="premise" maxLength={BOOK_LIMITS.premise} required
          placeholder="A lighthouse keeper finds a letter addressed to her, dated a hundred years from now…" />
        <FieldError messages={fields?.premise} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="grid gap-2">
          <Label htmlFor="genre">Genre</Label>
          <select id="genre" name="genre" className={selectClass} defaultValue="Fantasy">
            {GENRES.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
          <FieldError messages={fields?.genre} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="audience">Audience</Label>
          <Input id="audience" name="audience" defaultValue="Adult" maxLength={BOOK_LIMITS.audience} />
          <FieldError messages={fields?.audience} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="tone">Tone</Label>
          <Input id="tone" name="tone" defaultValue="Warm" maxLength={BOOK_LIMITS.tone} />
          <FieldError messages={fields?.tone} />
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-2">
          <Label htmlFor="chapterCount">Chapters</Label>
          <Input id="chapterCount" name="chapterCount" type="number" defaultValue={12}
            min={BOOK_LIMITS.chapters.min} max={BOOK_LIMITS.chapters.max} />
          <FieldError messages={fields?.chapterCount} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="wordsPerChapter">Words per chapter</Label>
          <Input id="wordsPerChapter" name="wordsPerChapter" type="number" defaultValue={2500}
            min={BOOK_LIMITS.wordsPerChapter.min} max={BOOK_LIMITS.wordsPerChapter.max} step={100} />
          <FieldError messages={fields?.wordsPerChapter} />
        </div>
      </div>
      <NewBookEstimate plan={plan} />
      <ErrorBanner error={error as { code: string; message: string } | null} />
      <Button type="submit" disabled={isPending} className="justify-self-start">
        {isPending ? "Creating…" : "Create book"}
      </Button>
    </form>
  );
}
