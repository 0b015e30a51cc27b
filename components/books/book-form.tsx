"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { createBookAction } from "@/actions/books";
import { BOOK_LIMITS } from "@/lib/books/schemas";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";
import { NewBookEstimate } from "./new-book-estimate";
import { BookPlanFields, NEW_BOOK_PLAN, planFromForm, sizesAccepted, type BookPlan } from "./book-plan-fields";

export function NewBookForm() {
  const router = useRouter();
  const { execute, isPending, error } = useServerAction(createBookAction);
  const fields = (error as { fieldErrors?: Record<string, string[] | undefined> } | null)?.fieldErrors;
  const [plan, setPlan] = useState<BookPlan>(NEW_BOOK_PLAN);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const [data] = await execute({ title: String(form.get("title") ?? ""), ...planFromForm(form) });
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
        const next = planFromForm(new FormData(event.currentTarget));
        if (sizesAccepted(next)) setPlan({ ...next, premise: next.premise.slice(0, BOOK_LIMITS.premise) });
      }}
    >
      <div className="grid gap-2">
        <Label htmlFor="title">Title</Label>
        <Input id="title" name="title" maxLength={BOOK_LIMITS.title} required />
        <FieldError messages={fields?.title} />
      </div>
      <BookPlanFields
        idPrefix=""
        plan={NEW_BOOK_PLAN}
        fields={fields}
        premisePlaceholder="A lighthouse keeper finds a letter addressed to her, dated a hundred years from now…"
      />
      <NewBookEstimate plan={plan} />
      <ErrorBanner error={error as { code: string; message: string } | null} />
      <Button type="submit" disabled={isPending} className="justify-self-start">
        {isPending ? "Creating…" : "Create book"}
      </Button>
    </form>
  );
}
