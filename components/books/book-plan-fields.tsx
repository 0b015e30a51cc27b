"use client";
import { BOOK_LIMITS, GENRES } from "@/lib/books/schemas";
import { FieldError, Input, Label, Textarea } from "@/components/ui/input";

/** What a book is planned as: the fields the new-book form and the book's details form share. */
export type BookPlan = { premise: string; genre: string; audience: string; tone: string; chapterCount: number; wordsPerChapter: number };

export const NEW_BOOK_PLAN: BookPlan = { premise: "", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 12, wordsPerChapter: 2500 };

type FieldErrors = Record<string, string[] | undefined> | undefined;

/** The plan as the form holds it now (the server checks it again with zod). */
export function planFromForm(form: FormData): BookPlan {
  return {
    premise: String(form.get("premise") ?? ""),
    genre: String(form.get("genre") ?? ""),
    audience: String(form.get("audience") ?? ""),
    tone: String(form.get("tone") ?? ""),
    chapterCount: Number(form.get("chapterCount")),
    wordsPerChapter: Number(form.get("wordsPerChapter")),
  };
}

/** Sizes the server would accept (the estimate is only worked out for these). */
export function sizesAccepted(plan: BookPlan): boolean {
  const { chapters, wordsPerChapter } = BOOK_LIMITS;
  return (
    Number.isInteger(plan.chapterCount) && plan.chapterCount >= chapters.min && plan.chapterCount <= chapters.max &&
    Number.isInteger(plan.wordsPerChapter) && plan.wordsPerChapter >= wordsPerChapter.min && plan.wordsPerChapter <= wordsPerChapter.max
  );
}

/**
 * Premise, genre, audience, tone, chapters and words per chapter, with their limits and errors.
 * `idPrefix` keeps the ids unique when both forms are on one page; a genre that is no longer in the
 * list stays selectable on a book that has it.
 */
export function BookPlanFields(props: { idPrefix: string; plan: BookPlan; fields: FieldErrors; chapterNote?: string; premisePlaceholder?: string }) {
  const { idPrefix: p, plan, fields } = props;
  const genres: string[] = GENRES.includes(plan.genre as (typeof GENRES)[number]) ? [...GENRES] : [plan.genre, ...GENRES];
  return (
    <>
      <div className="grid gap-2">
        <Label htmlFor={`${p}premise`}>Premise</Label>
        <Textarea id={`${p}premise`} name="premise" defaultValue={plan.premise} maxLength={BOOK_LIMITS.premise} required placeholder={props.premisePlaceholder} />
        <FieldError messages={fields?.premise} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="grid gap-2">
          <Label htmlFor={`${p}genre`}>Genre</Label>
          <select id={`${p}genre`} name="genre" className="flex h-9 w-full rounded-md border border-border bg-background px-3 text-sm" defaultValue={plan.genre}>
            {genres.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
          <FieldError messages={fields?.genre} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor={`${p}audience`}>Audience</Label>
          <Input id={`${p}audience`} name="audience" defaultValue={plan.audience} maxLength={BOOK_LIMITS.audience} />
          <FieldError messages={fields?.audience} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor={`${p}tone`}>Tone</Label>
          <Input id={`${p}tone`} name="tone" defaultValue={plan.tone} maxLength={BOOK_LIMITS.tone} />
          <FieldError messages={fields?.tone} />
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-2">
          <Label htmlFor={`${p}chapterCount`}>Chapters</Label>
          <Input id={`${p}chapterCount`} name="chapterCount" type="number" defaultValue={plan.chapterCount} min={BOOK_LIMITS.chapters.min} max={BOOK_LIMITS.chapters.max} />
          {props.chapterNote && <p className="text-xs text-muted-foreground">{props.chapterNote}</p>}
          <FieldError messages={fields?.chapterCount} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor={`${p}wordsPerChapter`}>Words per chapter</Label>
          <Input
            id={`${p}wordsPerChapter`}
            name="wordsPerChapter"
            type="number"
            defaultValue={plan.wordsPerChapter}
            min={BOOK_LIMITS.wordsPerChapter.min}
            max={BOOK_LIMITS.wordsPerChapter.max}
            step={100}
          />
          <FieldError messages={fields?.wordsPerChapter} />
        </div>
      </div>
    </>
  );
}
