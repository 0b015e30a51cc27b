import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { buttonVariants } from "@/components/ui/button";

export default async function HomePage() {
  if (await currentUser()) redirect("/library");
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center gap-6 px-6">
      <h1 className="font-serif text-5xl font-semibold">Quire</h1>
      <p className="text-lg text-muted-foreground">
        Write a book with AI: from a premise to an outline you can edit, a story bible, chapters streamed live into
        your manuscript, a cover, and an EPUB or DOCX ready to publish.
      </p>
      <div className="flex gap-3">
        <Link href="/sign-up" className={buttonVariants()}>
          Start writing
        </Link>
        <Link href="/sign-in" className={buttonVariants({ variant: "outline" })}>
          Sign in
        </Link>
      </div>
    </main>
  );
}
