"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { deleteBookAction, renameBookAction, updateBookDetailsAction } from "@/actions/books";
import { BOOK_LIMITS } from "@/lib/books/schemas";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { BookPlanFields, planFromForm, type BookPlan } from "./book-plan-fields";
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

/** Premise, genre, audience, tone and sizes after creation; checked again by the server (zod, owner). */
export function BookDetailsForm({ bookId, details, outlined }: { bookId: string; details: BookPlan; outlined: number }) {
  const router = useRouter();
  const { execute, isPending, error, isSuccess } = useServerAction(updateBookDetailsAction);
  const err = error as ActionError;
  return (
    <form
      aria-label="Book details"
      className="grid gap-3"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const [data] = await execute({ bookId, ...planFromForm(new FormData(event.currentTarget)) });
        if (data) router.refresh();
      }}
    >
      <BookPlanFields
        idPrefix="details-"
        plan={details}
        fields={err?.fieldErrors}
        chapterNote={outlined > 0 ? `The outline has ${outlined} chapters; a new outline aims for this number.` : undefined}
      />
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
