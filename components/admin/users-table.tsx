import Link from "next/link";
import type { UserListRow, UserSort } from "@/lib/admin/users";
import { formatCount, formatSpend } from "@/lib/format";

type Query = { sort: UserSort; dir: "asc" | "desc"; page: number };
const href = (q: Query) => `/admin/users?sort=${q.sort}&dir=${q.dir}&page=${q.page}`;

const COLUMNS: { sort: UserSort; label: string; numeric?: boolean; firstDir: "asc" | "desc" }[] = [
  { sort: "email", label: "User", firstDir: "asc" },
  { sort: "balance", label: "Balance", numeric: true, firstDir: "desc" },
  { sort: "spend", label: "Spend (30 days)", numeric: true, firstDir: "desc" },
  { sort: "joined", label: "Joined", numeric: true, firstDir: "desc" },
];

/** Every user, a page at a time; a column's heading sorts by it (again: the other way). */
export function UsersTable({ rows, query, page, pages, total }: { rows: UserListRow[]; query: Query; page: number; pages: number; total: number }) {
  return (
    <section aria-label="All users" className="grid min-w-0 gap-3">
      {/* relative: an absolutely placed child (sr-only text) stays inside the scroller, not the page. */}
      <div className="relative overflow-x-auto">
        <table className="w-full text-sm" data-testid="users-table">
          <thead className="text-left text-muted-foreground">
            <tr>
              {COLUMNS.map((c) => {
                const current = query.sort === c.sort;
                const dir = current ? (query.dir === "asc" ? "desc" : "asc") : c.firstDir;
                return (
                  <th key={c.sort} className={`py-1 pr-3 font-medium ${c.numeric ? "text-right" : ""}`} aria-sort={current ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
                    <Link href={href({ sort: c.sort, dir, page: 1 })} className="hover:underline">
                      {c.label}
                      {current && <span aria-hidden="true">{query.dir === "asc" ? " ↑" : " ↓"}</span>}
                    </Link>
                  </th>
                );
              })}
              <th className="py-1 font-medium">
                <span className="sr-only">Manage</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className="border-t border-border" data-testid="user-row">
                <td className="max-w-64 py-1.5 pr-3">
                  <div className="truncate">{u.email}</div>
                  <div className="truncate text-xs text-muted-foreground">
                    {u.name}
                    {u.role === "admin" ? " · admin" : ""}
                  </div>
                </td>
                <td className="py-1.5 pr-3 text-right tabular-nums" data-testid="row-balance">
                  {formatCount(u.balance)}
                </td>
                <td className="py-1.5 pr-3 text-right tabular-nums">
                  {formatCount(u.spentCredits)} credits
                  <div className="text-xs text-muted-foreground">{formatSpend(u.spentMicroUsd, u.spentUnpricedRequests, u.spentRequests)}</div>
                </td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{new Date(u.createdAt).toISOString().slice(0, 10)}</td>
                <td className="py-1.5 text-right">
                  <Link href={`/admin/users?email=${encodeURIComponent(u.email)}`} className="underline">
                    Adjust
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages of users" className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="text-muted-foreground" data-testid="users-page">
          Page {page} of {pages} · {formatCount(total)} users
        </span>
        <span className="flex gap-3">
          {page > 1 ? <Link href={href({ ...query, page: page - 1 })} className="underline">Previous</Link> : <span className="text-muted-foreground">Previous</span>}
          {page < pages ? <Link href={href({ ...query, page: page + 1 })} className="underline">Next</Link> : <span className="text-muted-foreground">Next</span>}
        </span>
      </nav>
    </section>
  );
}
