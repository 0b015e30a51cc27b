import { getDb } from "@/db/request-db";
import { requireAdminPage } from "@/lib/admin/guard";
import { findUsersWithBalances, listUsers, SPEND_DAYS, userListSchema } from "@/lib/admin/users";
import { findUsersSchema } from "@/lib/credits/schemas";
import { formatCount } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { AdjustCreditsForm } from "@/components/admin/adjust-credits-form";
import { UsersTable } from "@/components/admin/users-table";
import { Forbidden } from "@/components/admin/forbidden";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";

export const metadata = { title: "Users & credits" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await requireAdminPage("/admin/users"))) return <Forbidden />;
  const params = await searchParams;
  const query = findUsersSchema.safeParse({ email: first(params.email) });
  const listQuery = userListSchema.parse({ sort: first(params.sort), dir: first(params.dir), page: first(params.page) });
  const db = getDb();
  const [users, list] = await Promise.all([query.success ? findUsersWithBalances(db, query.data.email) : [], listUsers(db, listQuery)]);
  return (
    <div className="grid gap-6">
      <h1 className="font-serif text-3xl font-semibold">Users &amp; credits</h1>
      <AdminNav current="/admin/users" />
      <form method="get" className="flex flex-wrap items-end gap-2" role="search" aria-label="Find a user">
        <div className="grid min-w-48 flex-1 gap-1">
          <Label htmlFor="find-email">Email</Label>
          <Input id="find-email" name="email" defaultValue={query.success ? query.data.email : ""} maxLength={254} placeholder="Start of an email address" />
        </div>
        <Button type="submit" variant="outline">
          Find
        </Button>
      </form>
      {query.success && users.length === 0 && <CardDescription>No user’s email starts with “{query.data.email}”.</CardDescription>}
      <ul className="grid gap-4" aria-label="Users found">
        {users.map((u) => (
          <li key={u.id}>
            <Card className="grid gap-3" data-testid="user-result">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <CardTitle className="break-all">{u.email}</CardTitle>
                <span className="text-sm text-muted-foreground">
                  {u.name} · {u.role} · balance <strong data-testid="user-balance">{formatCount(u.balance)}</strong> credits
                </span>
              </div>
              <AdjustCreditsForm userId={u.id} email={u.email} />
            </Card>
          </li>
        ))}
      </ul>
      <Card className="grid gap-3">
        <CardTitle>All users</CardTitle>
        <CardDescription>Balance now; spend over the last {SPEND_DAYS} days, in credits charged and model cost.</CardDescription>
        <UsersTable rows={list.rows} query={{ ...listQuery, page: list.page }} page={list.page} pages={list.pages} total={list.total} />
      </Card>
    </div>
  );
}
