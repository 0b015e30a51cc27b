import Link from "next/link";

const LINKS = [
  ["/admin", "Cost dashboard"],
  ["/admin/users", "Users & credits"],
  ["/admin/health", "Model health"],
  ["/admin/ab", "A/B"],
] as const;

export function AdminNav({ current }: { current: string }) {
  return (
    <nav aria-label="Admin" className="flex flex-wrap gap-x-4 gap-y-1 border-b border-border pb-2 text-sm">
      {LINKS.map(([href, label]) => (
        <Link key={href} href={href} aria-current={current === href ? "page" : undefined} className={current === href ? "font-semibold" : "text-muted-foreground hover:underline"}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
