import { requireUser } from "@/lib/auth/guards";
import { NewBookForm } from "@/components/books/book-form";

export const metadata = { title: "New book" };

export default async function NewBookPage() {
  await requireUser("/books/new");
  return (
    <div className="grid max-w-2xl gap-6">
      <h1 className="font-serif text-3xl font-semibold">A new book</h1>
      <NewBookForm />
    </div>
  );
}
