/** What a signed-in non-admin sees on any admin page. */
export function Forbidden() {
  return (
    <div className="mx-auto flex min-h-[50vh] max-w-md flex-col justify-center gap-3">
      <h1 className="font-serif text-3xl font-semibold">Forbidden</h1>
      <p className="text-muted-foreground" data-error-code="forbidden:admin">
        This area is for Quire administrators. Your account does not have that role.
      </p>
    </div>
  );
}
