import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col justify-center gap-4 px-6">
      <h1 className="font-serif text-3xl font-semibold">Not found</h1>
      <p className="text-muted-foreground" data-error-code="not_found:page">
        That page does not exist, or it is not yours to see.
      </p>
      <Link href="/library" className="underline">
        Back to your library
      </Link>
    </main>
  );
}
